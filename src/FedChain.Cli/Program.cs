using FedChain.Cli;

// The operator and contributor console; the commands live in CliApplication.
return await CliApplication.Build().Parse(args).InvokeAsync();
