using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace FedChain.Aggregator.State;

/// <summary>
/// The aggregator's durable state in SQLite: runs, rounds and accepted update metadata.
/// Every write is committed (WAL, synchronous=FULL) before it returns, so a message is only
/// acknowledged after what it changed is on disk; after a crash the open round resumes from here.
/// </summary>
public sealed class AggregatorStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    /// <summary>Opens (creating if needed) the database file at <paramref name="path"/>.</summary>
    public AggregatorStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
        Execute("""
            CREATE TABLE IF NOT EXISTS runs (
                run_id TEXT PRIMARY KEY,
                spec_json TEXT NOT NULL,
                current_model_hash TEXT NOT NULL,
                last_committed_round INTEGER NOT NULL,
                status TEXT NOT NULL,
                reason TEXT);
            CREATE TABLE IF NOT EXISTS rounds (
                run_id TEXT NOT NULL REFERENCES runs(run_id),
                round INTEGER NOT NULL,
                base_model_hash TEXT NOT NULL,
                selected_json TEXT NOT NULL,
                deadline TEXT NOT NULL,
                status TEXT NOT NULL,
                new_model_hash TEXT,
                tx_hash TEXT,
                result_json TEXT,
                PRIMARY KEY (run_id, round));
            CREATE TABLE IF NOT EXISTS updates (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id TEXT NOT NULL,
                round INTEGER NOT NULL,
                worker_id TEXT NOT NULL,
                address TEXT NOT NULL,
                update_hash TEXT NOT NULL,
                num_samples INTEGER NOT NULL,
                signature BLOB NOT NULL,
                metrics_json TEXT NOT NULL,
                UNIQUE (run_id, round, worker_id),
                UNIQUE (run_id, round, address),
                FOREIGN KEY (run_id, round) REFERENCES rounds(run_id, round));
            CREATE TABLE IF NOT EXISTS rejections (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id TEXT NOT NULL,
                round INTEGER NOT NULL,
                worker_id TEXT NOT NULL,
                update_hash TEXT NOT NULL,
                reason TEXT NOT NULL,
                message TEXT NOT NULL,
                at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS rejections_by_run ON rejections(run_id, round);
            CREATE TABLE IF NOT EXISTS declines (
                run_id TEXT NOT NULL,
                round INTEGER NOT NULL,
                worker_id TEXT NOT NULL,
                address TEXT NOT NULL,
                reason TEXT NOT NULL,
                at TEXT NOT NULL,
                PRIMARY KEY (run_id, round, worker_id));
            CREATE TABLE IF NOT EXISTS worker_bindings (
                worker_id TEXT NOT NULL PRIMARY KEY,
                address TEXT NOT NULL,
                bound_at TEXT NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS worker_bindings_address ON worker_bindings (address);
            CREATE TABLE IF NOT EXISTS commits (
                run_id TEXT NOT NULL,
                round INTEGER NOT NULL,
                gas_used INTEGER NOT NULL,
                committed_at TEXT NOT NULL,
                PRIMARY KEY (run_id, round));
            """);
    }

    /// <summary>Inserts a run or replaces its record.</summary>
    public void SaveRun(RunRecord run) => Execute(
        """
        INSERT INTO runs (run_id, spec_json, current_model_hash, last_committed_round, status, reason)
        VALUES ($id, $spec, $model, $last, $status, $reason)
        ON CONFLICT(run_id) DO UPDATE SET spec_json = $spec, current_model_hash = $model,
            last_committed_round = $last, status = $status, reason = $reason
        """,
        ("$id", run.RunId), ("$spec", run.SpecJson), ("$model", run.CurrentModelHash),
        ("$last", run.LastCommittedRound), ("$status", run.Status.ToString()), ("$reason", run.Reason));

    /// <summary>The run with this id, or null.</summary>
    public RunRecord? GetRun(string runId) => Query(
        "SELECT run_id, spec_json, current_model_hash, last_committed_round, status, reason FROM runs WHERE run_id = $id",
        ReadRun,
        ("$id", runId)).SingleOrDefault();

    /// <summary>Every run, in the order they were created.</summary>
    public IReadOnlyList<RunRecord> ListRuns() => Query(
        "SELECT run_id, spec_json, current_model_hash, last_committed_round, status, reason FROM runs ORDER BY rowid",
        ReadRun);

    /// <summary>Inserts a round or replaces its record.</summary>
    public void SaveRound(RoundRecord round) => Execute(
        """
        INSERT INTO rounds (run_id, round, base_model_hash, selected_json, deadline, status, new_model_hash, tx_hash, result_json)
        VALUES ($id, $round, $base, $selected, $deadline, $status, $new, $tx, $result)
        ON CONFLICT(run_id, round) DO UPDATE SET base_model_hash = $base, selected_json = $selected,
            deadline = $deadline, status = $status, new_model_hash = $new, tx_hash = $tx, result_json = $result
        """,
        ("$id", round.RunId), ("$round", round.Round), ("$base", round.BaseModelHash),
        ("$selected", JsonSerializer.Serialize(round.SelectedWorkers)), ("$deadline", round.Deadline.ToString("O", CultureInfo.InvariantCulture)),
        ("$status", round.Status.ToString()), ("$new", round.NewModelHash), ("$tx", round.TransactionHash), ("$result", round.ResultJson));

    /// <summary>The round, or null.</summary>
    public RoundRecord? GetRound(string runId, int round) => Query(
        "SELECT run_id, round, base_model_hash, selected_json, deadline, status, new_model_hash, tx_hash, result_json FROM rounds WHERE run_id = $id AND round = $round",
        ReadRound,
        ("$id", runId), ("$round", round)).SingleOrDefault();

    /// <summary>Every round of a run, in order.</summary>
    public IReadOnlyList<RoundRecord> ListRounds(string runId) => Query(
        "SELECT run_id, round, base_model_hash, selected_json, deadline, status, new_model_hash, tx_hash, result_json FROM rounds WHERE run_id = $id ORDER BY round",
        ReadRound,
        ("$id", runId));

    /// <summary>
    /// Records an accepted update; false (and nothing written) when the worker or its address
    /// already has one in this round, so a redelivered message is never counted twice.
    /// </summary>
    public bool TryAddUpdate(AcceptedUpdate update)
    {
        try
        {
            Execute(
                """
                INSERT INTO updates (run_id, round, worker_id, address, update_hash, num_samples, signature, metrics_json)
                VALUES ($id, $round, $worker, $address, $hash, $samples, $signature, $metrics)
                """,
                ("$id", update.RunId), ("$round", update.Round), ("$worker", update.WorkerId), ("$address", update.Address.ToLowerInvariant()),
                ("$hash", update.UpdateHash), ("$samples", update.NumSamples), ("$signature", update.Signature), ("$metrics", update.MetricsJson));
            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            return false; // SQLITE_CONSTRAINT: this worker or address already delivered
        }
    }

    /// <summary>Removes an accepted update the ledger refuses at commit time, so the round is aggregated and committed without it.</summary>
    public void RemoveUpdate(string runId, int round, string address) => Execute(
        "DELETE FROM updates WHERE run_id = $id AND round = $round AND address = $address",
        ("$id", runId), ("$round", round), ("$address", address.ToLowerInvariant()));

    /// <summary>The accepted updates of a round in arrival order.</summary>
    public IReadOnlyList<AcceptedUpdate> GetUpdates(string runId, int round) => Query(
        "SELECT run_id, round, worker_id, address, update_hash, num_samples, signature, metrics_json FROM updates WHERE run_id = $id AND round = $round ORDER BY seq",
        r => new AcceptedUpdate(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), (byte[])r[6], r.GetString(7)),
        ("$id", runId), ("$round", round));

    /// <summary>Records an update the aggregator refused, with its reason, for the console (the refusal itself is published on the bus).</summary>
    public void AddRejection(RejectedUpdate rejection) => Execute(
        """
        INSERT INTO rejections (run_id, round, worker_id, update_hash, reason, message, at)
        VALUES ($id, $round, $worker, $hash, $reason, $message, $at)
        """,
        ("$id", rejection.RunId), ("$round", rejection.Round), ("$worker", rejection.WorkerId), ("$hash", rejection.UpdateHash),
        ("$reason", rejection.Reason), ("$message", rejection.Message), ("$at", rejection.At.ToString("O", CultureInfo.InvariantCulture)));

    /// <summary>The refused updates of a run in the order they were refused (whatever round number the sender claimed).</summary>
    public IReadOnlyList<RejectedUpdate> GetRejections(string runId) => Query(
        "SELECT run_id, round, worker_id, update_hash, reason, message, at FROM rejections WHERE run_id = $id ORDER BY seq",
        r => new RejectedUpdate(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
            DateTimeOffset.Parse(r.GetString(6), CultureInfo.InvariantCulture)),
        ("$id", runId));

    /// <summary>Keeps a site's verified decline of a round (the first one per site and round stands).</summary>
    public void AddDecline(RecordedDecline decline) => Execute(
        """
        INSERT OR IGNORE INTO declines (run_id, round, worker_id, address, reason, at)
        VALUES ($id, $round, $worker, $address, $reason, $at)
        """,
        ("$id", decline.RunId), ("$round", decline.Round), ("$worker", decline.WorkerId), ("$address", decline.Address),
        ("$reason", decline.Reason), ("$at", decline.At.ToString("O", CultureInfo.InvariantCulture)));

    /// <summary>The verified declines of a round, in the order they were taken.</summary>
    public IReadOnlyList<RecordedDecline> GetDeclines(string runId, int round) => Query(
        "SELECT run_id, round, worker_id, address, reason, at FROM declines WHERE run_id = $id AND round = $round ORDER BY rowid",
        r => new RecordedDecline(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4),
            DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture)),
        ("$id", runId), ("$round", round));

    /// <summary>
    /// Binds a worker id to the address that first signed a heartbeat for it and returns the bound address: the first
    /// binding stands (a later heartbeat for the id signed by another key is not that site). One worker id per address:
    /// null when the address already speaks for another id (<see cref="WorkerOf"/>), so one key takes one place in a round.
    /// </summary>
    public string? BindWorker(string workerId, string address, DateTimeOffset at)
    {
        Execute(
            "INSERT OR IGNORE INTO worker_bindings (worker_id, address, bound_at) VALUES ($worker, $address, $at)",
            ("$worker", workerId), ("$address", address.ToLowerInvariant()), ("$at", at.ToString("O", CultureInfo.InvariantCulture)));
        return BoundAddress(workerId);
    }

    /// <summary>The worker id <paramref name="address"/> is bound to, or null.</summary>
    public string? WorkerOf(string address) =>
        Query("SELECT worker_id FROM worker_bindings WHERE address = $address", r => r.GetString(0), ("$address", address.ToLowerInvariant())).SingleOrDefault();

    /// <summary>The address <paramref name="workerId"/> is bound to (<see cref="BindWorker"/>), or null when no heartbeat of it was taken (or no id is given).</summary>
    public string? BoundAddress(string? workerId) => workerId is null ? null :
        Query("SELECT address FROM worker_bindings WHERE worker_id = $worker", r => r.GetString(0), ("$worker", workerId)).SingleOrDefault();

    /// <summary>Records the gas and time of a round's commit transaction once its receipt is in.</summary>
    public void SaveCommit(string runId, int round, long gasUsed, DateTimeOffset committedAt) => Execute(
        """
        INSERT INTO commits (run_id, round, gas_used, committed_at) VALUES ($id, $round, $gas, $at)
        ON CONFLICT(run_id, round) DO UPDATE SET gas_used = $gas, committed_at = $at
        """,
        ("$id", runId), ("$round", round), ("$gas", gasUsed), ("$at", committedAt.ToString("O", CultureInfo.InvariantCulture)));

    /// <summary>Gas used and commit time of each committed round of a run, by round number.</summary>
    public IReadOnlyDictionary<int, CommitRecord> GetCommits(string runId) => Query(
        "SELECT round, gas_used, committed_at FROM commits WHERE run_id = $id",
        r => new CommitRecord(r.GetInt32(0), r.GetInt64(1), DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture)),
        ("$id", runId)).ToDictionary(c => c.Round);

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private static RunRecord ReadRun(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), Enum.Parse<RunStatus>(r.GetString(4)), r.IsDBNull(5) ? null : r.GetString(5));

    private static RoundRecord ReadRound(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetInt32(1),
        r.GetString(2),
        JsonSerializer.Deserialize<string[]>(r.GetString(3)) ?? [],
        DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture),
        Enum.Parse<RoundStatus>(r.GetString(5)),
        r.IsDBNull(6) ? null : r.GetString(6),
        r.IsDBNull(7) ? null : r.GetString(7),
        r.IsDBNull(8) ? null : r.GetString(8));

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = Prepare(sql, parameters);
            command.ExecuteNonQuery();
        }
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = Prepare(sql, parameters);
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(read(reader));
            }

            return rows;
        }
    }

    private SqliteCommand Prepare(string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
