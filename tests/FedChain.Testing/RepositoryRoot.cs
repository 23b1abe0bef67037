namespace FedChain.Testing;

/// <summary>Finds the repository (the folder holding FedChain.sln) from wherever the tests run.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The absolute path of the repository root.</summary>
    public static string Path => Root.Value;

    /// <summary>A path inside the repository from its relative parts.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "FedChain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no FedChain.sln above {AppContext.BaseDirectory}: run the tests from inside the repository");
    }
}
