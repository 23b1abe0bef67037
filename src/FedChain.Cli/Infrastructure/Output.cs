using System.Text.Json;
using Spectre.Console;

namespace FedChain.Cli.Infrastructure;

/// <summary>Prints a command's result as a table for people or as JSON for scripts.</summary>
public static class Output
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Prints <paramref name="value"/> as JSON.</summary>
    public static void Json(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>Prints a two-column key/value table.</summary>
    public static void Pairs(string title, IEnumerable<(string Key, string Value)> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title).AddColumn("").AddColumn("");
        table.ShowHeaders = false;
        foreach (var (key, value) in rows)
        {
            table.AddRow(Markup.Escape(key), Markup.Escape(value));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Prints a table with the given columns.</summary>
    public static void Rows(string title, string[] columns, IEnumerable<string[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        foreach (var column in columns)
        {
            table.AddColumn(column);
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        AnsiConsole.Write(table);
    }
}
