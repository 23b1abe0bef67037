using System.Net.Http;
using System.Net.Sockets;
using FedChain.Ethereum.Abi;
using FedChain.Ethereum.Rpc;
using Spectre.Console;

namespace FedChain.Cli.Infrastructure;

/// <summary>Runs a command body and turns what can go wrong into one clear line and an exit code, never a stack trace.</summary>
public static class CommandActions
{
    /// <summary>Runs <paramref name="body"/>; known failures print one line to stderr and return their exit code.</summary>
    public static async Task<int> RunAsync(Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        try
        {
            return await body(cancellationToken);
        }
        catch (CliException e)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return e.ExitCode;
        }
        catch (ContractRevertException e)
        {
            error.MarkupLineInterpolated($"[red]error:[/] the contract refused: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is RpcException or RpcTransportException or HttpRequestException or SocketException or TimeoutException or TaskCanceledException)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or Microsoft.Extensions.Options.OptionsValidationException or MassTransit.MassTransitException)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 1;
        }
    }
}
