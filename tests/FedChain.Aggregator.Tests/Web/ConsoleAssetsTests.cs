using System.Reflection;
using System.Text.RegularExpressions;
using FedChain.Aggregator.Extensions;
using FedChain.Testing;

namespace FedChain.Aggregator.Tests.Web;

/// <summary>The console's pages are embedded in the aggregator, load nothing from elsewhere, and carry the pinned ethers unchanged.</summary>
public sealed partial class ConsoleAssetsTests
{
    private const string Prefix = "FedChain.Aggregator.wwwroot.";
    private static readonly Assembly Aggregator = typeof(WebHostingExtensions).Assembly;

    [Fact]
    public void VendoredEthers_IsByteForByteThePackageLockVersion()
    {
        // node_modules/ethers comes from the root package-lock.json (npm ci, with its integrity hash).
        var installed = RepositoryRoot.Combine("node_modules", "ethers", "dist", "ethers.min.js");
        Assert.True(File.Exists(installed), $"{installed} is missing: run `npm ci` at the repository root");
        var version = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("node_modules", "ethers", "package.json"))).RootElement.GetProperty("version").GetString();

        Assert.Equal(File.ReadAllBytes(installed), Read($"ethers-{version}.min.js"));
        Assert.Contains("MIT License", System.Text.Encoding.UTF8.GetString(Read($"ethers-{version}.LICENSE.md")));
    }

    [Fact]
    public void Pages_ReferenceOnlyTheirOwnHost()
    {
        var ours = Aggregator.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && !n.Contains("ethers-", StringComparison.Ordinal)).ToArray();
        Assert.Contains(Prefix + "index.html", ours);
        Assert.Contains(Prefix + "contributor.js", ours);
        foreach (var name in ours)
        {
            var text = System.Text.Encoding.UTF8.GetString(Read(name[Prefix.Length..]));
            foreach (Match reference in Reference().Matches(text))
            {
                var target = reference.Groups["target"].Value;
                if (target.StartsWith("data:", StringComparison.Ordinal))
                {
                    continue; // inline, e.g. the empty favicon that spares a request
                }

                Assert.False(target.Contains("//", StringComparison.Ordinal), $"{name} loads {target} from another host");
                var file = target.Split('?')[0].TrimStart('.', '/');
                Assert.True(file.Length == 0 || Aggregator.GetManifestResourceInfo(Prefix + file) is not null, $"{name} refers to {target}, which the aggregator does not serve");
            }
        }
    }

    private static byte[] Read(string file)
    {
        using var stream = Aggregator.GetManifestResourceStream(Prefix + file) ?? throw new InvalidOperationException($"{file} is not embedded in the aggregator");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // src/href attributes and ES module imports.
    [GeneratedRegex("""(?:(?:src|href)="(?<target>[^"#]+)")|(?:from '(?<target>[^']+)')""")]
    private static partial Regex Reference();
}
