using FedChain.ServiceDefaults;
using FedChain.Worker.Extensions;
using Microsoft.AspNetCore.Builder;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWorker();
builder.AddFedChainHttp();
await builder.Build().MapFedChainHttp().RunAsync();
