using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using FedChain.Ethereum.Transactions;

namespace FedChain.Ethereum.Tests;

/// <summary>A connection's timeout is the one that applies, longer or shorter than Nethereum's own 20-second cap.</summary>
public sealed class ChainConnectionTests
{
    private static readonly TimeSpan NethereumDefaultCap = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ChainId_NodeAnsweringAfterNethereumsDefaultCap_IsWaitedForWithinTheConnectionsTimeout()
    {
        using var node = new SlowNode(NethereumDefaultCap + TimeSpan.FromSeconds(2));

        Assert.Equal(31337, await new ChainConnection(node.Url, TimeSpan.FromSeconds(60)).ChainIdAsync());
    }

    [Fact]
    public async Task ChainId_NodeSlowerThanTheConnectionsTimeout_OneLineNamingTheEndpoint()
    {
        using var node = new SlowNode(TimeSpan.FromSeconds(30));

        var ex = await Assert.ThrowsAsync<NodeUnreachableException>(() => new ChainConnection(node.Url, TimeSpan.FromSeconds(1)).ChainIdAsync());

        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains($"the Ethereum node at {node.Url} does not answer (eth_chainId)", ex.Message);
    }

    /// <summary>An HTTP JSON-RPC endpoint that answers eth_chainId (31337) only after a delay.</summary>
    private sealed class SlowNode : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public SlowNode(TimeSpan delay)
        {
            _listener.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _ = ServeAsync(delay);
        }

        public Uri Url { get; }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task ServeAsync(TimeSpan delay)
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    _ = AnswerAsync(client, delay);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Stopped.
            }
        }

        private async Task AnswerAsync(TcpClient client, TimeSpan delay)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var request = await ReadRequestBodyAsync(stream);
                    await Task.Delay(delay, _stop.Token);
                    var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = request["id"]?.DeepClone(), ["result"] = "0x7a69" }.ToJsonString();
                    var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(response), _stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
                {
                    // The client gave up first, or the node is stopped.
                }
            }
        }

        private async Task<JsonNode> ReadRequestBodyAsync(NetworkStream stream)
        {
            var received = new List<byte>();
            var buffer = new byte[4096];
            while (true)
            {
                var text = Encoding.UTF8.GetString(received.ToArray());
                var headersEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (headersEnd >= 0)
                {
                    var length = text[..headersEnd].Split("\r\n")
                        .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                        .Select(line => int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture)).Single();
                    var bodyStart = Encoding.UTF8.GetByteCount(text[..(headersEnd + 4)]);
                    if (received.Count - bodyStart >= length)
                    {
                        return JsonNode.Parse(Encoding.UTF8.GetString(received.ToArray(), bodyStart, length))!;
                    }
                }

                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    throw new IOException("the client closed the connection before its request was complete");
                }

                received.AddRange(buffer.AsSpan(0, read));
            }
        }
    }
}
