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
/// The web console in a real headless Chromium during runs over RabbitMQ with worker processes: rounds appear live,
/// the operator page refuses a wrong token and starts a run with site DP, the run page aborts it, the ε each hospital
/// spent is shown as the chain recorded it, a hospital's contributor page checks every figure (ε included) against anvil
/// in the browser, a reward changed in the aggregator's store is marked different, bad input and a stopped chain node are
/// reported, and operator actions need the token. Its own anvil lets the test stop the node at the end.
/// </summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WebConsoleTests(RabbitMqFixture rabbit, ITestOutputHelper output)
{
    private const int Rounds = 5;
    private const int Workers = 3;
    private const int UnwatchedRounds = 3;
    private const string TokenVariable = "FEDCHAIN_OPERATOR_TOKEN";

    // The DP run, started from the operator page and aborted from its run page once this many rounds are committed.
    private const int DpRoundsBeforeAbort = 2;

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
            var aggregator = system.StartAggregator(extra: new Dictionary<string, string>
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

                var dpRunId = await StartDpRunThroughOperatorPageAsync(page, site, token, http);
                await system.Events.WaitForAsync<RoundCommitted>(dpRunId, c => c.Round == DpRoundsBeforeAbort, TimeSpan.FromMinutes(6), system.Diagnostics);
                await AbortThroughRunPageAsync(page, site, token, dpRunId);
                await system.Events.WaitForAsync<RunFailed>(dpRunId, f => f.State == RunState.Aborted, TimeSpan.FromMinutes(2), system.Diagnostics);
                var dpEpsilon = await ExpectRunPageEpsilonAsync(page, site, dpRunId, system);
                Assert.DoesNotContain(token, aggregator.RecentOutput(int.MaxValue), StringComparison.Ordinal);
                Assert.DoesNotContain(browser.PageLog, line => line.Contains(token, StringComparison.Ordinal));

                // The front page lists the hospital's ε for the DP run only (the first run recorded none).
                var spentOnChain = dpEpsilon.Where(e => e.Key.Address == hospital).Sum(e => e.Value);
                await page.GotoAsync(site + "/");
                var spent = await page.WaitForSelectorAsync($"#participants tr[data-address='{hospital}'] [data-run='{dpRunId}']", new() { Timeout = (float)PageTimeout.TotalMilliseconds });
                Assert.Equal(spentOnChain.ToString(CultureInfo.InvariantCulture), await spent!.GetAttributeAsync("data-epsilon-micros"));
                Assert.EndsWith($"ε = {Epsilon(spentOnChain)}", await spent.InnerTextAsync());
                Assert.Equal(1, await page.Locator($"#participants tr[data-address='{hospital}'] [data-run]").CountAsync());

                // One balance; per round: update hash, samples, score, reward, ε, base and new model, transaction, gas; per run: the ε
                // total; lineage: base and new model of each committed round of both runs.
                var dpRounds = dpEpsilon.Keys.Select(k => k.Round).Distinct().Count();
                var figuresPerHospital = 1 + ((Rounds + dpRounds) * 9) + 2 + ((Rounds + dpRounds) * 2);
                var contributor = $"{site}/contributor.html?address={hospital}";
                await page.GotoAsync(contributor);
                await WaitForVerificationAsync(page);
                var figures = page.Locator("[data-figure]");
                Assert.Equal(figuresPerHospital, await figures.CountAsync());
                Assert.True(await Figures(page, "verified") == figuresPerHospital,
                    $"not every figure verified: {await Figures(page, "different")} different, {await Figures(page, "unverified")} unverified; {await page.InnerTextAsync("#chain-status")}");
                Assert.Equal("up", await page.GetAttributeAsync("#chain-status", "data-chain"));
                await ExpectContributorEpsilonAsync(page, runId, dpRunId, hospital, dpEpsilon);
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
                Assert.Equal(figuresPerHospital - 2, await Figures(page, "verified"));

                // And it understates the ε the hospital spent in the DP run's round 1: that figure and the run's total are
                // marked different, with the chain's values.
                var (spentBefore, spentAfter) = TamperEpsilon(Path.Combine(system.Root, "aggregator", "aggregator.db"), dpRunId, 1, hospital);
                await page.ReloadAsync();
                await WaitForVerificationAsync(page);
                var understated = page.Locator($"[data-figure='epsilon'][data-run='{dpRunId}'][data-round='1']");
                Assert.Equal("different", await understated.GetAttributeAsync("data-status"));
                Assert.StartsWith(Epsilon(spentAfter), await understated.InnerTextAsync());
                Assert.Contains("chain: " + Epsilon(spentBefore), await understated.InnerTextAsync());
                var dpTotal = page.Locator($"[data-figure='epsilonTotal'][data-run='{dpRunId}']");
                Assert.Equal("different", await dpTotal.GetAttributeAsync("data-status"));
                Assert.Contains("chain: " + Epsilon(spentOnChain), await dpTotal.InnerTextAsync());
                Assert.Equal(4, await Figures(page, "different"));
                Assert.Equal(figuresPerHospital - 4, await Figures(page, "verified"));
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
                Assert.Equal(figuresPerHospital, await Figures(page, "unverified"));
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

    // The operator page: a wrong token is refused with the API's 401 and starts nothing, a malformed run id gets the API's 400,
    // and the right token starts a run whose sites apply DP (the run's terms; every worker then records its ε on-chain).
    private static async Task<string> StartDpRunThroughOperatorPageAsync(IPage page, string site, string token, HttpClient http)
    {
        await page.GotoAsync($"{site}/operator.html");
        await page.WaitForSelectorAsync("#running td:has-text('no run is running')", new() { Timeout = (float)PageTimeout.TotalMilliseconds });
        Assert.True(await page.IsHiddenAsync("#operator-off"), "the operator page says operator actions are off");
        await page.SelectOptionAsync("#model", "logreg");
        await page.SelectOptionAsync("#engine", NativeEngine.EngineName);
        await page.FillAsync("#rounds", "20");
        await page.FillAsync("#workers", Workers.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#min-updates", Workers.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#seed", "7");
        await page.FillAsync("#round-timeout", "120");
        await page.CheckAsync("#dp");
        // Noise 2 at clip 1 (as SitePrivacyTests): about ε 2.5 in round 1 at δ 1e-5, so a budget of 20 outlasts the abort.
        await page.FillAsync("#dp-epsilon", "20");
        await page.FillAsync("#dp-delta", "0.00001");
        await page.FillAsync("#dp-clip", "1");
        await page.FillAsync("#dp-noise", "2");

        var runsBefore = (await http.GetFromJsonAsync<JsonElement>("/api/runs")).GetArrayLength();
        await page.FillAsync("#operator-token", token[..^1] + (token[^1] == 'A' ? 'B' : 'A'));
        Assert.Equal("HTTP 401: the bearer token is not the operator's", await StartResultAsync(page, "error"));
        await Screenshot(page, "operator-refused");

        await page.FillAsync("#operator-token", token);
        await page.FillAsync("#run-id", "0x1234");
        Assert.Equal("HTTP 400: runId '0x1234' is not 0x + 64 hex digits", await StartResultAsync(page, "error"));
        await page.FillAsync("#run-id", string.Empty);
        await page.FillAsync("#strategy", "fedprox");
        Assert.Equal("HTTP 400: configuration: strategy 'fedprox' refused: strategy parameter 'mu' is missing or not a number", await StartResultAsync(page, "error"));
        await page.FillAsync("#strategy", "fedavg");
        await page.FillAsync("#rounds", "twenty");
        Assert.Equal("Rounds: 'twenty' is not a whole number", await StartResultAsync(page, "error"));
        Assert.Equal(runsBefore, (await http.GetFromJsonAsync<JsonElement>("/api/runs")).GetArrayLength());

        await page.FillAsync("#rounds", "20");
        Assert.StartsWith("the aggregator accepted run 0x", await StartResultAsync(page, "ok"));
        var runId = await page.GetAttributeAsync("#start-result a[data-run]", "data-run");
        Assert.True(RunIds.IsValid(runId), $"the operator page names run '{runId}'");
        // The token is in this tab's session storage and nowhere a URL or the page's markup would carry it.
        Assert.Equal(token, await page.EvaluateAsync<string>("() => sessionStorage.getItem('fedchain.operatorToken')"));
        Assert.DoesNotContain(token, page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);
        await Screenshot(page, "operator-started");
        return runId!;
    }

    private static async Task<string> StartResultAsync(IPage page, string state)
    {
        await page.EvalOnSelectorAsync("#start-result", "e => e.setAttribute('data-state', 'idle')");
        await page.ClickAsync("#start");
        var result = await page.WaitForSelectorAsync($"#start-result[data-state='{state}']", new() { Timeout = (float)PageTimeout.TotalMilliseconds });
        return await result!.InnerTextAsync();
    }

    // The run page's abort button: refused with a wrong token (the run goes on), accepted with the tab's right one.
    private static async Task AbortThroughRunPageAsync(IPage page, string site, string token, string runId)
    {
        await page.GotoAsync($"{site}/run.html?run={runId}");
        await page.WaitForSelectorAsync("#operator:not([hidden])", new() { Timeout = (float)PageTimeout.TotalMilliseconds });
        Assert.Equal(token, await page.InputValueAsync("#operator-token"));
        await page.FillAsync("#operator-token", "not-the-operator-token-but-long-enough-to-try");
        await page.ClickAsync("#abort");
        var refused = await page.WaitForSelectorAsync("#abort-result[data-state='error']", new() { Timeout = (float)PageTimeout.TotalMilliseconds });
        Assert.Equal("HTTP 401: the bearer token is not the operator's", await refused!.InnerTextAsync());
        Assert.Equal("Running", await page.GetAttributeAsync("body", "data-run-status"));

        await page.FillAsync("#operator-token", token);
        await page.FillAsync("#abort-reason", "web console test");
        await page.ClickAsync("#abort");
        await page.WaitForSelectorAsync("#abort-result[data-state='ok']", new() { Timeout = (float)PageTimeout.TotalMilliseconds });
        await page.WaitForSelectorAsync("body[data-run-status='Aborted']", new() { Timeout = (float)PageTimeout.TotalMilliseconds });
        Assert.Contains("aborted: web console test", await page.InnerTextAsync("#summary"));
    }

    // The run page's privacy ledger and contributions show, per hospital and round, the ε the chain's ContributionRecorded
    // events hold (non-zero: the sites noised their updates), and per hospital their sum. Returns the chain's figures.
    private static async Task<Dictionary<(string Address, int Round), long>> ExpectRunPageEpsilonAsync(IPage page, string site, string runId, FederationSystem system)
    {
        await page.GotoAsync($"{site}/run.html?run={runId}");
        await page.WaitForSelectorAsync("body[data-run-status='Aborted']", new() { Timeout = (float)PageTimeout.TotalMilliseconds });
        var recorded = await system.Ledger.GetContributionRecordedEventsAsync(Ethereum.Bytes32.FromBytes(RunIds.Parse(runId)));
        var onChain = recorded.ToDictionary(e => (e.Contributor.ToLowerString(), (int)e.Round), e => (long)e.EpsilonMicros);
        Assert.True(onChain.Keys.Select(k => k.Item2).Distinct().Count() >= DpRoundsBeforeAbort, $"{onChain.Count} contributions on-chain");
        Assert.Equal(onChain.Count, await page.Locator("#privacy td[data-round][data-epsilon-micros]").CountAsync());
        Assert.Equal(onChain.Count, await page.Locator("#contributions tr[data-worker]").CountAsync());
        foreach (var ((address, round), micros) in onChain)
        {
            Assert.True(micros > 0, $"round {round} of {address} recorded ε = 0 in a DP run");
            var cell = page.Locator($"#privacy tr[data-address='{address}'] td[data-round='{round}']");
            Assert.Equal(micros.ToString(CultureInfo.InvariantCulture), await cell.GetAttributeAsync("data-epsilon-micros"));
            Assert.Equal(Epsilon(micros), await cell.InnerTextAsync());
        }

        foreach (var hospital in onChain.GroupBy(e => e.Key.Item1))
        {
            var total = page.Locator($"#privacy tr[data-address='{hospital.Key}'] td[data-total]");
            Assert.Equal(Epsilon(hospital.Sum(e => e.Value)), await total.InnerTextAsync());
        }

        Assert.Contains("ε = 20 at δ = 0.00001", await page.InnerTextAsync("#privacy-terms"));
        await Screenshot(page, "run-aborted");
        return onChain;
    }

    // On the contributor page each ε figure shows the chain's value and is verified; the non-DP run's are 0, the DP run's its
    // sites' figures, with the run total.
    private static async Task ExpectContributorEpsilonAsync(IPage page, string runId, string dpRunId, string hospital, Dictionary<(string Address, int Round), long> dpEpsilon)
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var cell = page.Locator($"[data-figure='epsilon'][data-run='{runId}'][data-round='{round}']");
            Assert.Equal("verified", await cell.GetAttributeAsync("data-status"));
            Assert.StartsWith("0", await cell.InnerTextAsync());
        }

        var mine = dpEpsilon.Where(e => e.Key.Address == hospital).ToArray();
        Assert.NotEmpty(mine);
        foreach (var ((_, round), micros) in mine)
        {
            var cell = page.Locator($"[data-figure='epsilon'][data-run='{dpRunId}'][data-round='{round}']");
            Assert.Equal("verified", await cell.GetAttributeAsync("data-status"));
            Assert.StartsWith(Epsilon(micros), await cell.InnerTextAsync());
        }

        var total = page.Locator($"[data-figure='epsilonTotal'][data-run='{dpRunId}']");
        Assert.Equal("verified", await total.GetAttributeAsync("data-status"));
        Assert.StartsWith(Epsilon(mine.Sum(e => e.Value)), await total.InnerTextAsync());
        Assert.Equal("verified", await page.GetAttributeAsync($"[data-figure='epsilonTotal'][data-run='{runId}']", "data-status"));
    }

    // Millionths of ε as the console prints them.
    private static string Epsilon(long micros)
    {
        var fraction = (micros % 1_000_000).ToString(CultureInfo.InvariantCulture).PadLeft(6, '0').TrimEnd('0');
        return fraction.Length == 0 ? (micros / 1_000_000).ToString(CultureInfo.InvariantCulture) : $"{micros / 1_000_000}.{fraction}";
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
        var before = BigInteger.Zero;
        TamperContribution(database, runId, round, address, contribution =>
        {
            before = BigInteger.Parse((string)contribution["Reward"]!, CultureInfo.InvariantCulture);
            contribution["Reward"] = (before + BigInteger.Pow(10, 18)).ToString(CultureInfo.InvariantCulture);
        });
        return (before, before + BigInteger.Pow(10, 18));
    }

    // Lowers the ε the store holds for the hospital's contribution to one round by 0.1, as a server understating what a site spent would.
    private static (long Before, long After) TamperEpsilon(string database, string runId, int round, string address)
    {
        var before = 0L;
        TamperContribution(database, runId, round, address, contribution =>
        {
            before = (long)contribution["EpsilonMicros"]!;
            contribution["EpsilonMicros"] = before - 100_000;
        });
        return (before, before - 100_000);
    }

    private static void TamperContribution(string database, string runId, int round, string address, Action<JsonNode> change)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT result_json FROM rounds WHERE run_id = $id AND round = $round";
        read.Parameters.AddWithValue("$id", runId);
        read.Parameters.AddWithValue("$round", round);
        var result = JsonNode.Parse((string)read.ExecuteScalar()!)!;
        change(result["Contributions"]!.AsArray().Single(c => string.Equals((string)c!["Address"]!, address, StringComparison.OrdinalIgnoreCase))!);
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE rounds SET result_json = $result WHERE run_id = $id AND round = $round";
        write.Parameters.AddWithValue("$result", result.ToJsonString());
        write.Parameters.AddWithValue("$id", runId);
        write.Parameters.AddWithValue("$round", round);
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    // Token base units (18 decimals) as the console prints them.
    private static string Tokens(BigInteger baseUnits)
    {
        var whole = BigInteger.DivRem(baseUnits, BigInteger.Pow(10, 18), out var fraction);
        var digits = fraction.ToString(CultureInfo.InvariantCulture).PadLeft(18, '0').TrimEnd('0');
        return digits.Length == 0 ? whole.ToString(CultureInfo.InvariantCulture) : $"{whole}.{digits}";
    }
}
