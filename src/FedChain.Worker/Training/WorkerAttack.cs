using FedChain.Federation.Attacks;
using FedChain.Messages;

namespace FedChain.Worker.Training;

/// <summary>
/// How a worker turns its trained update into what it sends: honestly (posting to the collusion board
/// when there is one), or with an attack. Attacks that need the honest updates (ALIE, IPM) or another
/// worker's update (copy) need a <see cref="CollusionBoard"/>, so only the one-process simulation can
/// run them; the others a real worker host can run alone.
/// </summary>
public sealed class WorkerAttack
{
    private readonly CollusionBoard? _board;
    private readonly int _totalWorkers;
    private readonly ulong _seed;
    private float[]? _first;

    /// <summary>Creates the behaviour; <paramref name="totalWorkers"/> is ALIE's n.</summary>
    public WorkerAttack(AttackSpec spec, CollusionBoard? board, int totalWorkers, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (board is null && (spec.NeedsColluderStatistics || spec.Kind == AttackKind.CopyUpdate))
        {
            throw new ArgumentException($"attack '{spec}' needs colluders sharing the honest updates: it runs only in `fedchain simulate`");
        }

        Spec = spec;
        _board = board;
        _totalWorkers = totalWorkers;
        _seed = seed;
    }

    /// <summary>The attack.</summary>
    public AttackSpec Spec { get; }

    /// <summary>True when the worker waits for the honest workers' updates before it can send its own.</summary>
    public bool WaitsForPeers => Spec.NeedsColluderStatistics || Spec.Kind == AttackKind.CopyUpdate;

    /// <summary>An honest worker that posts its updates to the colluders' board (the attackers' view of the round).</summary>
    public static WorkerAttack Honest(CollusionBoard board) => new(AttackSpec.None, board, 0, 0);

    /// <summary>The update to send for round <paramref name="started"/>, from the honest one just trained.</summary>
    public float[] Apply(RoundStarted started, string workerId, float[] global, float[] honest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(started);
        if (Spec.Kind == AttackKind.None)
        {
            _board?.Post(started.Round, workerId, honest);
            return honest;
        }

        var peers = WaitsForPeers ? _board!.WaitForHonest(started.Round, started.SelectedWorkers, TimeSpan.FromMinutes(5), cancellationToken) : [];
        if (WaitsForPeers && peers.Count == 0)
        {
            // No honest update to build on (all failed): send the honest one rather than nothing.
            return honest;
        }

        var context = new AttackContext(started.Round, honest, global,
            Colluders: Spec.NeedsColluderStatistics ? CollusionBoard.Statistics(peers) : null,
            TotalWorkers: Math.Max(_totalWorkers, started.SelectedWorkers.Count),
            ByzantineWorkers: started.SelectedWorkers.Count(id => _board?.AttackerIds.Contains(id) ?? false),
            Victim: Spec.Kind == AttackKind.CopyUpdate ? peers[0].Update : null,
            Earlier: _first,
            Seed: _seed);
        var sent = Spec.Apply(context);
        if (Spec.Kind == AttackKind.StaleUpdate)
        {
            _first ??= sent;
        }

        return sent;
    }
}
