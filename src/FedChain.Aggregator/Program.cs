using FedChain.Aggregator.Extensions;
using FedChain.ServiceDefaults;
using Microsoft.AspNetCore.Builder;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAggregator();
builder.AddAggregatorWeb();
await builder.Build().MapAggregatorWeb().RunAsync();
