# The aggregator host. Build from the repository root (compose does: context ..):
#   docker build -f compose/aggregator.Dockerfile -t fedchain-aggregator .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Build settings first, then the sources: a change under src/ does not invalidate the settings layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/FedChain.Aggregator -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
# The state directory (SQLite + content-addressed blobs) is a volume; create it owned by the
# image's non-root user so a fresh named volume inherits that ownership.
RUN mkdir -p /var/lib/fedchain /data/mnist && chown -R "$APP_UID" /var/lib/fedchain
COPY --from=build /app .
ENV DOTNET_ENVIRONMENT=Production \
    Aggregator__StateDirectory=/var/lib/fedchain \
    Aggregator__DataDirectory=/data/mnist
USER $APP_UID
ENTRYPOINT ["dotnet", "FedChain.Aggregator.dll"]
