using FedChain.Aggregator.Extensions;
using FedChain.ServiceDefaults;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddAggregator();
await builder.Build().RunAsync();
