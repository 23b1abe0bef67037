namespace FedChain.Ledger.Tests;

/// <summary>Finds the repository root (the folder holding FedChain.sln) from the test binaries.</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FedChain.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No FedChain.sln above {AppContext.BaseDirectory}.");
    }

    public static string Tool(string name) => Path.Combine(Find(), "contracts", "node_modules", ".bin", name);
}
