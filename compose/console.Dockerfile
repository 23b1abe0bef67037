# The `fedchain` console (operators and contributors). Build from the repository root:
#   docker build -f compose/console.Dockerfile -t fedchain-console .
#   docker run --rm fedchain-console rewards 0xADDRESS --rpc http://chain:8545 --ledger 0xLEDGER
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/FedChain.Cli -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# `fedchain contracts deploy` records the addresses in .fedchain/deployment.json under the working
# directory; /work is a volume so later commands (and later containers) find it.
RUN mkdir -p /work && chown "$APP_UID" /work
WORKDIR /work
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/fedchain.dll"]
CMD ["--help"]
