using System.Security.Cryptography;
using System.Text;
using FedChain.Aggregator.Runs;
using FedChain.Aggregator.State;
using FedChain.Messages;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FedChain.Aggregator.Web;

/// <summary>
/// The operator's write actions, POST only, behind a bearer token (<see cref="OperatorOptions"/>): start a run and abort
/// one. They publish the same commands the <c>fedchain</c> console sends, so the coordinator treats them alike.
/// </summary>
internal static class OperatorApi
{
    public static IEndpointRouteBuilder MapOperatorApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/operator").AddEndpointFilter(RequireOperator);
        api.MapPost("/runs", async (StartRunRequest request, IBus bus, CancellationToken cancellationToken) =>
        {
            if (request.Configuration is null)
            {
                return Results.BadRequest(new { error = "the request body has no 'configuration'" });
            }

            var runId = request.RunId ?? RunIds.Format(RandomNumberGenerator.GetBytes(32));
            if (!RunIds.IsValid(runId))
            {
                return Results.BadRequest(new { error = $"runId '{runId}' is not 0x + 64 hex digits" });
            }

            // What the fedchain CLI checks before it starts a run: a strategy that cannot run as configured is refused here, in
            // the operator's face, rather than failing the run in the aggregator's log.
            try
            {
                StrategyCatalog.Check(request.Configuration);
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(new { error = $"configuration: {e.Message}" });
            }

            await bus.Publish(new StartRun(runId.ToLowerInvariant(), 0, request.Configuration, "web console operator"), cancellationToken);
            return Results.Accepted($"/api/runs/{runId.ToLowerInvariant()}", new { runId = runId.ToLowerInvariant() });
        });
        api.MapPost("/runs/{runId}/abort", async (string runId, AbortRunRequest? request, AggregatorStore store, IBus bus, CancellationToken cancellationToken) =>
        {
            if (!RunIds.IsValid(runId))
            {
                return Results.BadRequest(new { error = $"run id '{runId}' is not 0x + 64 hex digits" });
            }

            var run = store.GetRun(runId.ToLowerInvariant());
            if (run is null)
            {
                return Results.NotFound(new { error = $"run {runId} is not known to this aggregator" });
            }

            if (run.Status != State.RunStatus.Running)
            {
                return Results.Conflict(new { error = $"run {runId} is {run.Status}, not running" });
            }

            await bus.Publish(new AbortRun(run.RunId, run.LastCommittedRound + 1, request?.Reason ?? "aborted from the web console"), cancellationToken);
            return Results.Accepted($"/api/runs/{run.RunId}", new { runId = run.RunId });
        });
        return endpoints;
    }

    private static async ValueTask<object?> RequireOperator(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<OperatorOptions>>().Value;
        if (!options.Enabled)
        {
            return Results.Json(new { error = "operator actions are off on this aggregator (set Operator:TokenFile or Operator:TokenEnvironmentVariable)" },
                statusCode: StatusCodes.Status403Forbidden);
        }

        var header = http.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
        // Read on every request, so a rotated secret file takes effect without a restart.
        if (presented is null || !Matches(presented, OperatorOptionsValidator.Load(options).Reveal()))
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OperatorApi))
                .LogWarning("operator action {Method} {Path} refused: {Why}", http.Request.Method, http.Request.Path, presented is null ? "no bearer token" : "wrong bearer token");
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Json(new { error = presented is null ? "operator actions need an 'Authorization: Bearer <token>' header" : "the bearer token is not the operator's" },
                statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
    }

    // Hashing first gives equal lengths, so the comparison time says nothing about the token.
    private static bool Matches(string presented, string token) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
