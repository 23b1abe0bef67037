using System.Net;
using System.Net.Sockets;

namespace FedChain.Testing;

/// <summary>Picks loopback ports nobody is listening on, so parallel runs do not collide.</summary>
public static class FreeTcpPort
{
    /// <summary>A port that was free on 127.0.0.1 a moment ago (the OS chose it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
