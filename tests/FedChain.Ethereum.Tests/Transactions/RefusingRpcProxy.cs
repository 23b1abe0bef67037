using System.Net;
using System.Text;
using FedChain.Testing;

namespace FedChain.Ethereum.Tests.Transactions;

/// <summary>
/// A JSON-RPC proxy in front of a real node that refuses the next N eth_sendRawTransaction calls with a node-style
/// error (as a node does for a transaction it will not take), and forwards everything else unchanged.
/// </summary>
public sealed class RefusingRpcProxy : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri _target;
    private readonly Task _serving;
    private int _refusals;

    public RefusingRpcProxy(Uri target)
    {
        _target = target;
        var port = FreeTcpPort.Next();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>How many eth_sendRawTransaction calls were refused so far.</summary>
    public int Refused { get; private set; }

    public void RefuseNextSends(int count) => Interlocked.Exchange(ref _refusals, count);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        string reply;
        if (body.Contains("\"eth_sendRawTransaction\"", StringComparison.Ordinal) && Interlocked.Decrement(ref _refusals) >= 0)
        {
            Refused++;
            var id = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetRawText();
            reply = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32003,\"message\":\"transaction refused by the node (test proxy)\"}}";
        }
        else
        {
            using var response = await _upstream.PostAsync(_target, new StringContent(body, Encoding.UTF8, "application/json"));
            reply = await response.Content.ReadAsStringAsync();
        }

        var bytes = Encoding.UTF8.GetBytes(reply);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
        _upstream.Dispose();
    }
}
