# A hospital's worker host. Build from the repository root (compose does: context ..):
#   docker build -f compose/worker.Dockerfile -t fedchain-worker .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/FedChain.Worker -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
# The private data is mounted read-only at /data; chunks of large models wait in /var/lib/fedchain.
RUN mkdir -p /data /var/lib/fedchain/chunks && chown -R "$APP_UID" /var/lib/fedchain
COPY --from=build /app .
ENV DOTNET_ENVIRONMENT=Production \
    Worker__Data__Path=/data \
    Bus__ChunkDirectory=/var/lib/fedchain/chunks
USER $APP_UID
ENTRYPOINT ["dotnet", "FedChain.Worker.dll"]
