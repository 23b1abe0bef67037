using System.Globalization;

namespace FedChain.Learning.Data;

/// <summary>
/// Reads a numeric CSV table: a header row naming the columns, one sample per line, a named integer
/// label column and numeric features (every other column, in file order). Fields may be quoted.
/// Nothing is skipped or coerced: an empty, non-numeric or non-finite value, a wrong column count or a
/// label that is not a class index stops the read with the file, line and column in the message.
/// </summary>
public static class CsvReader
{
    /// <summary>Reads <paramref name="path"/>; classes defaults to (largest label + 1), at least 2.</summary>
    public static Dataset Read(string path, string labelColumn, int? classes = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: CSV file not found", path);
        }

        using var reader = new StreamReader(path);
        return Read(reader, path, labelColumn, classes);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static Dataset Read(TextReader reader, string source, string labelColumn, int? classes = null)
    {
        var headerLine = reader.ReadLine() ?? throw new DataFormatException(source, "line 1", "empty file, expected a header row");
        var header = Split(headerLine, source, 1);
        var labelIndex = Array.IndexOf(header, labelColumn);
        if (labelIndex < 0)
        {
            throw new DataFormatException(source, "line 1", $"no column named '{labelColumn}' for the label; columns are {string.Join(", ", header.Select(h => $"'{h}'"))}");
        }

        var featureCount = header.Length - 1;
        if (featureCount == 0)
        {
            throw new DataFormatException(source, "line 1", "only the label column; expected at least one feature column");
        }

        var features = new List<float>();
        var labels = new List<int>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 && reader.Peek() < 0)
            {
                break;
            }

            var fields = Split(line, source, lineNumber);
            if (fields.Length != header.Length)
            {
                throw new DataFormatException(source, $"line {lineNumber}", $"{fields.Length} fields, expected {header.Length} as in the header");
            }

            for (var c = 0; c < fields.Length; c++)
            {
                var field = fields[c].Trim();
                if (field.Length == 0)
                {
                    throw new DataFormatException(source, $"line {lineNumber}, column '{header[c]}'", "missing value, expected a number");
                }

                if (c == labelIndex)
                {
                    if (!int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var label) || label < 0)
                    {
                        throw new DataFormatException(source, $"line {lineNumber}, column '{header[c]}'", $"label '{field}', expected a class index 0, 1, 2, ...");
                    }

                    labels.Add(label);
                }
                else
                {
                    if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
                    {
                        throw new DataFormatException(source, $"line {lineNumber}, column '{header[c]}'", $"'{field}' is not a finite number");
                    }

                    features.Add(value);
                }
            }
        }

        if (labels.Count == 0)
        {
            throw new DataFormatException(source, $"line {lineNumber + 1}", "no data rows after the header");
        }

        var maxLabel = labels.Max();
        var classCount = classes ?? Math.Max(2, maxLabel + 1);
        if (maxLabel >= classCount)
        {
            var at = labels.IndexOf(maxLabel);
            throw new DataFormatException(source, $"line {at + 2}, column '{labelColumn}'", $"label {maxLabel}, expected 0..{classCount - 1}");
        }

        return Dataset.FromArrays(source, [.. features], [.. labels], [featureCount], classCount, firstLine: 2);
    }

    /// <summary>Splits one line on commas; double-quoted fields may hold commas and "" for a quote.</summary>
    private static string[] Split(string line, string source, int lineNumber)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch != '\r')
            {
                field.Append(ch);
            }
        }

        if (quoted)
        {
            throw new DataFormatException(source, $"line {lineNumber}", "unterminated quoted field");
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
