namespace FedChain.Cli.Infrastructure;

/// <summary>Finds the FedChain checkout (the folder with FedChain.sln), where the pinned toolchain and datasets are installed.</summary>
public static class RepositoryLocator
{
    /// <summary>The checkout above the working directory or above this program; an error says where it looked.</summary>
    public static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FedChain.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new CliException($"no FedChain checkout (FedChain.sln) above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}: run fedchain from inside the repository");
    }
}
