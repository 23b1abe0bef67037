namespace FedChain.Worker.Training;

/// <summary>
/// The workers this process runs: one in a worker host, many in the one-process simulation. One
/// queue serves them all, so a round costs the work of the selected workers, not of every worker.
/// </summary>
public sealed class WorkerPool
{
    private readonly Dictionary<string, WorkerNode> _nodes;

    /// <summary>Wraps the nodes; ids must be unique.</summary>
    public WorkerPool(IEnumerable<WorkerNode> nodes)
    {
        _nodes = new Dictionary<string, WorkerNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!_nodes.TryAdd(node.WorkerId, node))
            {
                throw new ArgumentException($"two workers share the id '{node.WorkerId}'");
            }
        }
    }

    /// <summary>Every node, ordered by id.</summary>
    public IReadOnlyList<WorkerNode> Nodes => _nodes.Values.OrderBy(n => n.WorkerId, StringComparer.Ordinal).ToArray();

    /// <summary>The nodes among <paramref name="selected"/> that run here; colluding attackers last, so the honest updates they wait for are already under way.</summary>
    public IReadOnlyList<WorkerNode> Selected(IEnumerable<string> selected) =>
        selected.Select(id => _nodes.GetValueOrDefault(id)).OfType<WorkerNode>().OrderBy(n => n.WaitsForPeers).ToArray();
}
