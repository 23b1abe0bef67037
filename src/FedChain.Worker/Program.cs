using FedChain.ServiceDefaults;
using FedChain.Worker.Extensions;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddWorker();
await builder.Build().RunAsync();
