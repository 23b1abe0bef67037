using System.Net.Http;
using System.Net.Sockets;
using FedChain.Ethereum.Signing;
using FedChain.Ethereum.Transactions;
using FedChain.Ledger;

namespace FedChain.Cli.Infrastructure;

/// <summary>Runs a command body and turns what can go wrong into one clear line and an exit code, never a stack trace.</summary>
public static class CommandActions
{
    /// <summary>
    /// Prints the error as exactly one line on stderr: plain text, never wrapped to the terminal's
    /// width, so scripts can read it and people see it whole.
    /// </summary>
    private static void Fail(string message) => Console.Error.WriteLine("error: " + message.ReplaceLineEndings(" "));

    /// <summary>Runs <paramref name="body"/>; known failures print one line to stderr and return their exit code.</summary>
    public static async Task<int> RunAsync(Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body(cancellationToken);
        }
        catch (CliException e)
        {
            Fail($"{e.Message}");
            return e.ExitCode;
        }
        catch (LedgerRevertException e)
        {
            Fail($"the contract refused: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is NodeUnreachableException or ChainIdMismatchException or TransactionRevertedException or NodeRefusedException or HttpRequestException or SocketException or TimeoutException or TaskCanceledException)
        {
            Fail($"{e.Message}");
            return 1;
        }
        catch (Exception e) when (e is KeyLoadException or FormatException or ArgumentException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            Fail($"{e.Message}");
            return 2;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or Microsoft.Extensions.Options.OptionsValidationException or MassTransit.MassTransitException)
        {
            Fail($"{e.Message}");
            return 1;
        }
    }
}
