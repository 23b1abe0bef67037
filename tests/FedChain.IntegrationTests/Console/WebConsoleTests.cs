using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using FedChain.Aggregator.Web;
using FedChain.IntegrationTests.Federation;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Learning;
using FedChain.Messages;
using FedChain.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace FedChain.IntegrationTests.Console;

/// <summary>
/// The web console in a real headless Chromium during a run over RabbitMQ with worker processes: rounds appear live,
/// a hospital's contributor page checks every figure against anvil in the browser, a reward changed in the aggregator's
/// store is marked different, bad input and a stopped chain node are reported, and operator actions need the token.
/// One run serves every check; its own anvil lets the test stop the node at the end.
/// </summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WebConsoleTests(RabbitMqFixture rabbit, ITestOutputHelper output)
{
    private const int Rounds = 5;
    private const int Workers = 3;
    private const int UnwatchedRounds = 3;
    private const string TokenVariable = "FEDCHAIN_OPERATOR_TOKEN";

    // One balance, and per round: update hash, samples, score, reward, base and new model, transaction, gas; lineage: base and new per round.
    private const int FiguresPerHospital = 1 + (Rounds * 8) + (Rounds * 2);

    private static readonly TimeSpan PageTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Console_DuringARunOverRabbitMq_ShowsRoundsLiveAndVerifiesAHospitalAgainstTheChain()
    {
        var chain = new AnvilFixture();
        await chain.InitializeAsync();
        var chainStopped = false;
        try
        {
            await using var system = await FederationSystem.StartAsync(rabbit, chain, registeredWorkers: Workers);
            var httpPort = FreeTcpPort.Next();
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(33));
            system.StartAggregator(extra: new Dictionary<string, string>
            {
                ["Http__Url"] = $"http://127.0.0.1:{httpPort}",
                ["Operator__TokenEnvironmentVariable"] = TokenVariable,
                [TokenVariable] = token,
                ["Console__RefreshMilliseconds"] = "500",
            });
            for (var i = 0; i < Workers; i++)
            {
                system.StartWorker(i, Workers);
            }

            await system.WaitForHostsAsync(Workers);
            var site = $"http://127.0.0.1:{httpPort}";
            using var http = new HttpClient { BaseAddress = new Uri(site), Timeout = TimeSpan.FromSeconds(30) };

            var runId = RunIds.Format(RandomNumberGenerator.GetBytes(32));
            await StartThroughOperatorApiAsync(http, token, runId);

            await using var browser = await ConsoleBrowser.StartAsync();
            var page = await browser.NewPageAsync();
            try
            {
                // Rounds 1 to 3 go unwatched (no page open; round 1 also warms the hosts up), 4 and 5 with the run page polling:
                // the round times compare the two.
                var started = await system.Events.WaitForAsync<RoundStarted>(runId, _ => true, TimeSpan.FromMinutes(4), system.Diagnostics);
                await system.Publisher.PublishAsync(new UpdateSubmitted(runId, 7, "worker-1", system.WorkerKey(0).Address.ToLowerString(), started.GlobalModelHash,
                    [1, 2, 3], "0x" + new string('0', 64), new byte[65], 10, new LocalTrainingMetrics(0, 0, 0, 0)));
                await system.Events.WaitForAsync<RoundCommitted>(runId, c => c.Round == UnwatchedRounds, TimeSpan.FromMinutes(6), system.Diagnostics);
                await WatchRoundsAppearAsync(page, site, runId);
                await system.Events.WaitForAsync<RunFinished>(runId, _ => true, TimeSpan.FromMinutes(4), system.Diagnostics);
                await ReportRoundTimesAsync(http, runId);

                var hospital = system.WorkerKey(0).Address.ToLowerString();
                await page.GotoAsync(site + "/");
                var listed = await page.WaitForSelectorAsync($"#participants tr[data-address='{hospital}']", new() { Timeout = (float)PageTimeout.TotalMilliseconds });
                Assert.Contains($"worker-1\t{Rounds}\t", await listed!.InnerTextAsync());
                Assert.Contains("Finished", await page.InnerTextAsync($"#runs tr[data-run='{runId}']"));
                await Screenshot(page, "index");

                var contributor = $"{site}/contributor.html?address={hospital}";
                await page.GotoAsync(contributor);
                await WaitForVerificationAsync(page);
                var figures = page.Locator("[data-figure]");
                Assert.Equal(FiguresPerHospital, await figures.CountAsync());
                Assert.True(await Figures(page, "verified") == FiguresPerHospital,
                    $"not every figure verified: {await Figures(page, "different")} different, {await Figures(page, "unverified")} unverified; {await page.InnerTextAsync("#chain-status")}");
                Assert.Equal("up", await page.GetAttributeAsync("#chain-status", "data-chain"));
                await Screenshot(page, "contributor-verified");

                // The operator's server now claims another reward for round 2: the page shows the server's figure marked
                // different beside the chain's, and the balance (the sum of rewards) with it.
                var (before, after) = TamperReward(Path.Combine(system.Root, "aggregator", "aggregator.db"), runId, 2, hospital);
                await page.ReloadAsync();
                await WaitForVerificationAsync(page);
                var reward = page.Locator($"[data-figure='reward'][data-run='{runId}'][data-round='2']");
                Assert.Equal("different", await reward.GetAttributeAsync("data-status"));
                Assert.Contains(Tokens(after), await reward.InnerTextAsync());
                Assert.Contains("chain: " + Tokens(before), await reward.InnerTextAsync());
                Assert.Equal("different", await page.GetAttributeAsync("[data-figure='balance']", "data-status"));
                Assert.Equal(2, await Figures(page, "different"));
                Assert.Equal(FiguresPerHospital - 2, await Figures(page, "verified"));
                await Screenshot(page, "contributor-different");

                await ExpectPageErrorAsync(page, $"{site}/run.html?run={RunIds.Format(RandomNumberGenerator.GetBytes(32))}", "is not known to this aggregator", "run-unknown");
                await ExpectPageErrorAsync(page, $"{site}/run.html?run=0x1234", "is not 0x + 64 hex digits", "run-malformed");
                await ExpectPageErrorAsync(page, $"{site}/contributor.html?address=0x12345", "must have 40 hex digits after 0x", "address-malformed");
                await ExpectPageErrorAsync(page, $"{site}/contributor.html?address={system.WorkerKey(7).Address.ToLowerString()}", "has no contribution on this aggregator", "address-unknown");

                // The chain node goes away: the page says so and shows the server's figures, every one unverified.
                await chain.DisposeAsync();
                chainStopped = true;
                await page.GotoAsync(contributor);
                await WaitForVerificationAsync(page);
                Assert.Equal("down", await page.GetAttributeAsync("#chain-status", "data-chain"));
                Assert.Contains("is unreachable", await page.InnerTextAsync("#chain-status"));
                Assert.Equal(FiguresPerHospital, await Figures(page, "unverified"));
                Assert.Contains(Tokens(after), await reward.InnerTextAsync());
                await Screenshot(page, "contributor-chain-down");
            }
            catch (Exception)
            {
                // What the pages said is the first thing to read when a wait times out.
                foreach (var line in browser.PageLog)
                {
                    output.WriteLine(line);
                }

                await Screenshot(page, "failure");
                throw;
            }
        }
        finally
        {
            if (!chainStopped)
            {
                await chain.DisposeAsync();
            }
        }
    }

    // The run is started through the console's operator endpoint; without the token, or with another, nothing is done.
    private static async Task StartThroughOperatorApiAsync(HttpClient http, string token, string runId)
    {
        var body = new StartRunRequest(FederationSystem.Configuration(Rounds, Workers, Workers, TimeSpan.FromSeconds(90), engine: NativeEngine.EngineName), runId);
        var anonymous = await http.PostAsJsonAsync("/api/operator/runs", body);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("Authorization: Bearer", await anonymous.Content.ReadAsStringAsync());

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/operator/runs") { Content = JsonContent.Create(body) };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token[..^1] + (token[^1] == 'A' ? 'B' : 'A'));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync($"/api/operator/runs/{runId}/abort", new AbortRunRequest("no token"))).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.GetAsync("/api/operator/runs")).StatusCode);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var unknown = await http.PostAsJsonAsync($"/api/operator/runs/{RunIds.Format(RandomNumberGenerator.GetBytes(32))}/abort", new AbortRunRequest("test"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var accepted = await http.PostAsJsonAsync("/api/operator/runs", body);
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, $"start: {accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
        Assert.Equal(runId, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString());
        http.DefaultRequestHeaders.Authorization = null;
    }

    // Opens the run page once and waits, without reloading, for rounds committed after it loaded to show up.
    private static async Task WatchRoundsAppearAsync(IPage page, string site, string runId)
    {
        await page.GotoAsync($"{site}/run.html?run={runId}");
        await page.WaitForSelectorAsync($"#rounds tr[data-round='{UnwatchedRounds}'][data-status='Committed']", new() { Timeout = (float)PageTimeout.TotalMilliseconds });
        await page.EvaluateAsync("() => { window.fedchainLoadMarker = 'loaded once'; }");
        var committedAtLoad = await page.Locator("#rounds tr[data-status='Committed']").CountAsync();
        Assert.True(committedAtLoad < Rounds, $"the run had committed all {Rounds} rounds before the page could watch one appear");
        await Screenshot(page, "run-live");
        await page.WaitForSelectorAsync($"#rounds tr[data-round='{Rounds}'][data-status='Committed']", new() { Timeout = (float)TimeSpan.FromMinutes(6).TotalMilliseconds });
        await page.WaitForSelectorAsync("body[data-run-status='Finished']", new() { Timeout = (float)PageTimeout.TotalMilliseconds });
        Assert.Equal("loaded once", await page.EvaluateAsync<string>("() => window.fedchainLoadMarker"));

        Assert.Equal(Rounds.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("#chart svg", "data-points"));
        Assert.Equal(Rounds * Workers, await page.Locator("#contributions tr[data-worker]").CountAsync());
        Assert.Contains("round 7 of run", await page.InnerTextAsync("#rejections tr[data-reason='RoundNotOpen']"));
        foreach (var row in await page.Locator("#rounds tr[data-status='Committed']").AllAsync())
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            Assert.Matches("^0x[0-9a-f]{8}…[0-9a-f]{6}$", cells[6]);
            Assert.True(long.Parse(cells[7], CultureInfo.InvariantCulture) > 21_000, $"gas {cells[7]}");
        }

        await Screenshot(page, "run-finished");
    }

    // Round time: from opening the round to its commit receipt, as the aggregator recorded them.
    private async Task ReportRoundTimesAsync(HttpClient http, string runId)
    {
        var run = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
        var lines = new List<string>();
        foreach (var round in run.GetProperty("rounds").EnumerateArray())
        {
            var number = round.GetProperty("round").GetInt32();
            var seconds = (round.GetProperty("committedAt").GetDateTimeOffset() - round.GetProperty("openedAt").GetDateTimeOffset()).TotalSeconds;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{{\"test\":\"web-console\",\"run\":\"{runId}\",\"round\":{number},\"seconds\":{seconds:F2},\"browserWatching\":{(number > UnwatchedRounds ? "true" : "false")}}}"));
        }

        // What one poll of the run page costs the aggregator: the latency of the request it repeats.
        var latencies = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using var poll = await http.GetAsync($"/api/runs/{runId}");
            await poll.Content.ReadAsByteArrayAsync();
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"{{\"test\":\"web-console\",\"run\":\"{runId}\",\"pollRequest\":\"/api/runs/{{runId}}\",\"medianMilliseconds\":{latencies[25]:F2},\"maxMilliseconds\":{latencies[^1]:F2}}}"));
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        await File.AppendAllLinesAsync(Path.Combine(ConsoleBrowser.ScreenshotDirectory, "round-times.jsonl"), lines);
    }

    private static async Task ExpectPageErrorAsync(IPage page, string url, string expected, string screenshot)
    {
        await page.GotoAsync(url);
        var error = await page.WaitForSelectorAsync("#error:not([hidden])", new() { Timeout = (float)PageTimeout.TotalMilliseconds });
        Assert.Contains(expected, await error!.InnerTextAsync());
        await Screenshot(page, screenshot);
    }

    private static Task WaitForVerificationAsync(IPage page) =>
        page.WaitForSelectorAsync("#verification[data-state='done']", new() { Timeout = (float)PageTimeout.TotalMilliseconds });

    private static Task<int> Figures(IPage page, string status) => page.Locator($"[data-figure][data-status='{status}']").CountAsync();

    private static Task Screenshot(IPage page, string name) => ConsoleBrowser.ScreenshotAsync(page, name);

    // Adds one token to the hospital's reward of one round in the aggregator's SQLite store, as a dishonest or broken server would report it.
    private static (BigInteger Before, BigInteger After) TamperReward(string database, string runId, int round, string address)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT result_json FROM rounds WHERE run_id = $id AND round = $round";
        read.Parameters.AddWithValue("$id", runId);
        read.Parameters.AddWithValue("$round", round);
        var result = JsonNode.Parse((string)read.ExecuteScalar()!)!;
        var contribution = result["Contributions"]!.AsArray().Single(c => string.Equals((string)c!["Address"]!, address, StringComparison.OrdinalIgnoreCase))!;
        var before = BigInteger.Parse((string)contribution["Reward"]!, CultureInfo.InvariantCulture);
        var after = before + BigInteger.Pow(10, 18);
        contribution["Reward"] = after.ToString(CultureInfo.InvariantCulture);
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE rounds SET result_json = $result WHERE run_id = $id AND round = $round";
        write.Parameters.AddWithValue("$result", result.ToJsonString());
        write.Parameters.AddWithValue("$id", runId);
        write.Parameters.AddWithValue("$round", round);
        Assert.Equal(1, write.ExecuteNonQuery());
        return (before, after);
    }

    // Token base units (18 decimals) as the console prints them.
    private static string Tokens(BigInteger baseUnits)
    {
        var whole = BigInteger.DivRem(baseUnits, BigInteger.Pow(10, 18), out var fraction);
        var digits = fraction.ToString(CultureInfo.InvariantCulture).PadLeft(18, '0').TrimEnd('0');
        return digits.Length == 0 ? whole.ToString(CultureInfo.InvariantCulture) : $"{whole}.{digits}";
    }
}
