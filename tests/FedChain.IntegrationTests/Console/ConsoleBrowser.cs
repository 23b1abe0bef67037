using FedChain.Testing;
using Microsoft.Playwright;

namespace FedChain.IntegrationTests.Console;

/// <summary>
/// Debian's headless Chromium driven by Playwright (no browser download: Playwright is pointed at /usr/bin/chromium),
/// with a fresh profile and the flags this machine's closed network needs; screenshots go to <see cref="ScreenshotDirectory"/>.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    /// <summary>Debian's Chromium, installed by tests/scripts/prerequisites.sh.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _profile;
    private readonly List<string> _log = [];

    private ConsoleBrowser(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    /// <summary>The browser's one context (its fresh profile).</summary>
    public IBrowserContext Context { get; }

    /// <summary>Where screenshots are saved: TestResults/console/ at the repository root (git-ignored).</summary>
    public static string ScreenshotDirectory => RepositoryRoot.Combine("TestResults", "console");

    /// <summary>Starts Chromium headless with a new empty profile.</summary>
    public static async Task<ConsoleBrowser> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run ./test.sh (it apt-installs chromium and chromium-driver as root)");
        }

        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("fedchain-chromium-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the background-networking flags Chromium keeps dialling Google's hosts, which this network refuses.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Timeout = 60_000,
        });
        Directory.CreateDirectory(ScreenshotDirectory);
        return new ConsoleBrowser(playwright, context, profile);
    }

    /// <summary>What the pages printed to their consoles and the script errors they raised, for failure messages.</summary>
    public IReadOnlyList<string> PageLog
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>Opens a page whose console output and script errors land in <see cref="PageLog"/>.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var page = await Context.NewPageAsync();
        page.Console += (_, message) => Log($"console.{message.Type}: {message.Text} ({page.Url})");
        page.PageError += (_, error) => Log($"page error: {error} ({page.Url})");
        return page;
    }

    private void Log(string line)
    {
        lock (_log)
        {
            _log.Add(line);
        }
    }

    /// <summary>Saves a full-page screenshot as TestResults/console/<paramref name="name"/>.png and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be flushing its profile; a leftover temp folder is harmless.
        }
    }
}
