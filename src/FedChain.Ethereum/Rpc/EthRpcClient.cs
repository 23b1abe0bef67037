using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FedChain.Ethereum.Rpc;

/// <summary>
/// Ethereum JSON-RPC over HTTP. Every call has a timeout; failures name the method and the endpoint
/// (without credentials or query string), never the request parameters.
/// </summary>
public sealed class EthRpcClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _endpoint;
    private long _nextId;

    /// <summary>Creates a client for <paramref name="endpoint"/>; pass an HttpClient to share connections.</summary>
    public EthRpcClient(Uri endpoint, TimeSpan? timeout = null, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _http = http ?? new HttpClient();
        _ownsHttp = http is null;
        Timeout = timeout ?? TimeSpan.FromSeconds(30);
        EndpointDisplay = new UriBuilder(endpoint) { UserName = string.Empty, Password = string.Empty, Query = string.Empty }.Uri.GetLeftPart(UriPartial.Path);
    }

    /// <summary>Per-call timeout.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The endpoint as shown in errors (no user info, no query).</summary>
    public string EndpointDisplay { get; }

    /// <summary>Sends one JSON-RPC request and returns its "result".</summary>
    public async Task<JsonElement> SendAsync(string method, object?[] parameters, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextId);
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id,
            ["method"] = method,
            ["params"] = new JsonArray(parameters.Select(p => p is null ? null : JsonSerializer.SerializeToNode(p)).ToArray()),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsJsonAsync(_endpoint, body, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RpcTransportException($"JSON-RPC {method} at {EndpointDisplay} timed out after {Timeout.TotalSeconds:0.#} s.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new RpcTransportException($"JSON-RPC {method}: cannot reach {EndpointDisplay}: {ex.Message}", ex);
        }
        using (response)
        {
            string text;
            try
            {
                text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RpcTransportException($"JSON-RPC {method} at {EndpointDisplay} timed out after {Timeout.TotalSeconds:0.#} s reading the response.", ex);
            }
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException ex)
            {
                var status = (int)response.StatusCode;
                throw new RpcTransportException($"JSON-RPC {method} at {EndpointDisplay}: HTTP {status} with a non-JSON body ({Truncate(text)}).", ex);
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    var code = error.TryGetProperty("code", out var c) && c.TryGetInt64(out var cv) ? cv : 0;
                    var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? string.Empty : string.Empty;
                    var data = error.TryGetProperty("data", out var d) ? d.GetRawText() : null;
                    throw new RpcException(method, code, message, data, EndpointDisplay);
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw new RpcTransportException($"JSON-RPC {method} at {EndpointDisplay}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
                }
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("result", out var result))
                {
                    throw new RpcTransportException($"JSON-RPC {method} at {EndpointDisplay}: response has neither result nor error ({Truncate(text)}).");
                }
                return result.Clone();
            }
        }
    }

    /// <summary>eth_chainId.</summary>
    public async Task<BigInteger> ChainIdAsync(CancellationToken ct = default) =>
        Quantity(await SendAsync("eth_chainId", [], ct).ConfigureAwait(false), "eth_chainId");

    /// <summary>eth_blockNumber.</summary>
    public async Task<BigInteger> BlockNumberAsync(CancellationToken ct = default) =>
        Quantity(await SendAsync("eth_blockNumber", [], ct).ConfigureAwait(false), "eth_blockNumber");

    /// <summary>eth_getTransactionCount (use <see cref="BlockParameter.Pending"/> for the next nonce).</summary>
    public async Task<BigInteger> GetTransactionCountAsync(Address account, BlockParameter block, CancellationToken ct = default) =>
        Quantity(await SendAsync("eth_getTransactionCount", [account.ToLowerString(), block.Value], ct).ConfigureAwait(false), "eth_getTransactionCount");

    /// <summary>eth_getBalance in wei.</summary>
    public async Task<BigInteger> GetBalanceAsync(Address account, BlockParameter? block = null, CancellationToken ct = default) =>
        Quantity(await SendAsync("eth_getBalance", [account.ToLowerString(), (block ?? BlockParameter.Latest).Value], ct).ConfigureAwait(false), "eth_getBalance");

    /// <summary>eth_getCode (empty for accounts without code).</summary>
    public async Task<byte[]> GetCodeAsync(Address account, BlockParameter? block = null, CancellationToken ct = default) =>
        Bytes(await SendAsync("eth_getCode", [account.ToLowerString(), (block ?? BlockParameter.Latest).Value], ct).ConfigureAwait(false), "eth_getCode");

    /// <summary>eth_maxPriorityFeePerGas.</summary>
    public async Task<BigInteger> MaxPriorityFeePerGasAsync(CancellationToken ct = default) =>
        Quantity(await SendAsync("eth_maxPriorityFeePerGas", [], ct).ConfigureAwait(false), "eth_maxPriorityFeePerGas");

    /// <summary>eth_feeHistory over the last <paramref name="blockCount"/> blocks with the given tip percentiles.</summary>
    public async Task<FeeHistory> FeeHistoryAsync(int blockCount, BlockParameter newestBlock, IReadOnlyList<double> rewardPercentiles, CancellationToken ct = default)
    {
        var result = await SendAsync("eth_feeHistory", [Hex.EncodeQuantity(blockCount), newestBlock.Value, rewardPercentiles.ToArray()], ct).ConfigureAwait(false);
        var baseFees = result.GetProperty("baseFeePerGas").EnumerateArray().Select(e => Quantity(e, "eth_feeHistory.baseFeePerGas")).ToArray();
        var ratios = result.TryGetProperty("gasUsedRatio", out var r) ? r.EnumerateArray().Select(e => e.GetDouble()).ToArray() : [];
        IReadOnlyList<IReadOnlyList<BigInteger>> rewards = result.TryGetProperty("reward", out var rw) && rw.ValueKind == JsonValueKind.Array
            ? rw.EnumerateArray().Select(b => (IReadOnlyList<BigInteger>)b.EnumerateArray().Select(e => Quantity(e, "eth_feeHistory.reward")).ToArray()).ToArray()
            : [];
        return new FeeHistory(Quantity(result.GetProperty("oldestBlock"), "eth_feeHistory.oldestBlock"), baseFees, ratios, rewards);
    }

    /// <summary>eth_estimateGas. A revert surfaces as <see cref="RpcException"/> with <see cref="RpcException.RevertData"/>.</summary>
    public async Task<BigInteger> EstimateGasAsync(CallRequest request, CancellationToken ct = default) =>
        Quantity(await SendAsync("eth_estimateGas", [ToJson(request)], ct).ConfigureAwait(false), "eth_estimateGas");

    /// <summary>eth_call; returns the return data. A revert surfaces as <see cref="RpcException"/>.</summary>
    public async Task<byte[]> CallAsync(CallRequest request, BlockParameter? block = null, CancellationToken ct = default) =>
        Bytes(await SendAsync("eth_call", [ToJson(request), (block ?? BlockParameter.Latest).Value], ct).ConfigureAwait(false), "eth_call");

    /// <summary>eth_sendRawTransaction; returns the transaction hash.</summary>
    public async Task<string> SendRawTransactionAsync(byte[] rawTransaction, CancellationToken ct = default) =>
        (await SendAsync("eth_sendRawTransaction", [Hex.Encode(rawTransaction)], ct).ConfigureAwait(false)).GetString()
        ?? throw new RpcTransportException($"eth_sendRawTransaction at {EndpointDisplay} returned null.");

    /// <summary>eth_getTransactionReceipt; null while the transaction is pending or unknown.</summary>
    public async Task<TransactionReceipt?> GetTransactionReceiptAsync(string transactionHash, CancellationToken ct = default)
    {
        var result = await SendAsync("eth_getTransactionReceipt", [transactionHash], ct).ConfigureAwait(false);
        if (result.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return new TransactionReceipt(
            result.GetProperty("transactionHash").GetString()!,
            Quantity(result.GetProperty("blockNumber"), "receipt.blockNumber"),
            result.GetProperty("blockHash").GetString()!,
            Address.Parse(result.GetProperty("from").GetString()!),
            OptionalAddress(result, "to"),
            OptionalAddress(result, "contractAddress"),
            Quantity(result.GetProperty("status"), "receipt.status") == BigInteger.One,
            Quantity(result.GetProperty("gasUsed"), "receipt.gasUsed"),
            result.TryGetProperty("effectiveGasPrice", out var price) ? Quantity(price, "receipt.effectiveGasPrice") : BigInteger.Zero,
            result.GetProperty("logs").EnumerateArray().Select(ParseLog).ToArray());
    }

    /// <summary>eth_getLogs.</summary>
    public async Task<IReadOnlyList<LogEntry>> GetLogsAsync(LogFilter filter, CancellationToken ct = default)
    {
        var topics = new JsonArray(filter.Topics.Select(t => t is null
            ? null
            : t.Count == 1 ? (JsonNode)JsonValue.Create(Hex.Encode(t[0])) : new JsonArray(t.Select(x => (JsonNode?)JsonValue.Create(Hex.Encode(x))).ToArray())).ToArray());
        var json = new JsonObject
        {
            ["address"] = filter.Address.ToLowerString(),
            ["topics"] = topics,
            ["fromBlock"] = (filter.FromBlock ?? BlockParameter.Earliest).Value,
            ["toBlock"] = (filter.ToBlock ?? BlockParameter.Latest).Value,
        };
        var result = await SendAsync("eth_getLogs", [json], ct).ConfigureAwait(false);
        return result.EnumerateArray().Select(ParseLog).ToArray();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static JsonObject ToJson(CallRequest request)
    {
        var json = new JsonObject { ["data"] = Hex.Encode(request.Data) };
        if (request.To is not null) json["to"] = request.To.ToLowerString();
        if (request.From is not null) json["from"] = request.From.ToLowerString();
        if (request.Value is { } value) json["value"] = Hex.EncodeQuantity(value);
        if (request.Gas is { } gas) json["gas"] = Hex.EncodeQuantity(gas);
        return json;
    }

    private static LogEntry ParseLog(JsonElement log) => new(
        Address.Parse(log.GetProperty("address").GetString()!),
        log.GetProperty("topics").EnumerateArray().Select(t => Hex.Decode(t.GetString()!, "log topic")).ToArray(),
        Hex.Decode(log.GetProperty("data").GetString()!, "log data"),
        log.TryGetProperty("blockNumber", out var b) && b.ValueKind == JsonValueKind.String ? Quantity(b, "log.blockNumber") : BigInteger.Zero,
        log.TryGetProperty("transactionHash", out var h) ? h.GetString() ?? string.Empty : string.Empty,
        log.TryGetProperty("logIndex", out var i) && i.ValueKind == JsonValueKind.String ? Quantity(i, "log.logIndex") : BigInteger.Zero);

    private static Address? OptionalAddress(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Address.Parse(value.GetString()!) : null;

    private static BigInteger Quantity(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String
            ? Hex.DecodeQuantity(element.GetString()!, what)
            : throw new RpcTransportException($"{what}: expected a hex quantity, got {element.ValueKind}.");

    private static byte[] Bytes(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String
            ? Hex.Decode(element.GetString()!, what)
            : throw new RpcTransportException($"{what}: expected hex data, got {element.ValueKind}.");

    private static string Truncate(string text) =>
        text.Length <= 200 ? text : text[..200].ToString(CultureInfo.InvariantCulture) + "...";
}
