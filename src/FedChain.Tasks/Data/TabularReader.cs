using System.Globalization;
using FedChain.Learning.Data;
using Parquet;
using Parquet.Schema;

namespace FedChain.Tasks.Data;

/// <summary>
/// Reads a table (CSV with a header row, or Parquet) against a tabular task's schema: the features in the
/// task's column order, the label by class name; other columns are ignored. Nothing is skipped or coerced:
/// a missing column, an empty, non-numeric or non-finite cell, or a label outside the classes stops the read
/// with a <see cref="DataFormatException"/> naming the file, the line or row and the column.
/// </summary>
public static class TabularReader
{
    /// <summary>Reads <paramref name="path"/> (".csv" or ".parquet") into a dataset of raw, unstandardised features.</summary>
    public static Dataset Read(InputSchema schema, string path)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(path);
        if (schema.Format != "tabular" || schema.FeatureColumns is null || schema.LabelColumn is null)
        {
            throw new ArgumentException($"{path}: the task's input is \"{schema.Format}\", not a validated \"tabular\" schema", nameof(schema));
        }

        if (!File.Exists(path))
        {
            throw new DataFormatException(path, "file", "not found");
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => ReadCsv(schema, path),
            ".parquet" => ReadParquetAsync(schema, path).GetAwaiter().GetResult(),
            var other => throw new DataFormatException(path, "file", $"extension '{other}' is neither .csv nor .parquet"),
        };
    }

    private static Dataset ReadCsv(InputSchema schema, string path)
    {
        var features = schema.FeatureColumns!;
        using var csv = CsvHelper.CsvReader.FromFile(path, new CsvHelper.CsvReaderOptions { TrackLineNumbers = true });
        csv.ReadHeader();
        var header = csv.Headers.ToArray();
        if (header.Length == 0)
        {
            throw new DataFormatException(path, "line 1", "empty file, expected a header row");
        }

        var featureIndex = features.Select(name => ColumnIndex(header, name, "input.feature_columns", path, "line 1")).ToArray();
        var labelIndex = ColumnIndex(header, schema.LabelColumn!, "input.label_column", path, "line 1");
        var classes = ClassIndex(schema);

        var values = new List<float>();
        var labels = new List<int>();
        while (csv.Read())
        {
            var line = csv.LineNumber;
            if (csv.FieldCount != header.Length)
            {
                throw new DataFormatException(path, $"line {line}", $"{csv.FieldCount} fields, expected {header.Length} as in the header");
            }

            for (var f = 0; f < featureIndex.Length; f++)
            {
                var cell = csv.GetString(featureIndex[f]).Trim();
                values.Add(ParseFeature(cell, path, $"line {line}, column '{features[f]}'"));
            }

            labels.Add(LabelOf(csv.GetString(labelIndex).Trim(), classes, schema, path, $"line {line}, column '{schema.LabelColumn}'"));
        }

        if (labels.Count == 0)
        {
            throw new DataFormatException(path, "line 2", "no data rows after the header");
        }

        return Dataset.FromArrays(path, [.. values], [.. labels], [features.Count], schema.Classes.Count);
    }

    private static async Task<Dataset> ReadParquetAsync(InputSchema schema, string path)
    {
        var features = schema.FeatureColumns!;
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(path).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or Parquet.ParquetException)
        {
            throw new DataFormatException(path, "file", $"not a readable Parquet file ({e.Message})");
        }

        await using (reader.ConfigureAwait(false))
        {
            var fields = reader.Schema.GetDataFields();
            var names = fields.Select(f => f.Name).ToArray();
            var featureFields = features.Select(name => fields[ColumnIndex(names, name, "input.feature_columns", path, "schema")]).ToArray();
            var labelField = fields[ColumnIndex(names, schema.LabelColumn!, "input.label_column", path, "schema")];
            var classes = ClassIndex(schema);

            var total = reader.Metadata?.NumRows ?? 0;
            var values = new float[checked(total * features.Count)];
            var labels = new int[total];
            long offset = 0;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var rows = checked((int)group.RowCount);
                for (var f = 0; f < featureFields.Length; f++)
                {
                    var column = await ReadNumericAsync(group, featureFields[f], rows, path, offset).ConfigureAwait(false);
                    for (var r = 0; r < rows; r++)
                    {
                        if (!double.IsFinite(column[r]) || !float.IsFinite((float)column[r]))
                        {
                            throw new DataFormatException(path, $"row {offset + r + 1}, column '{featureFields[f].Name}'", $"{column[r].ToString(CultureInfo.InvariantCulture)} is not a finite number");
                        }

                        values[((offset + r) * features.Count) + f] = (float)column[r];
                    }
                }

                var cells = await ReadLabelCellsAsync(group, labelField, rows, path, offset).ConfigureAwait(false);
                for (var r = 0; r < rows; r++)
                {
                    labels[offset + r] = LabelOf(cells[r], classes, schema, path, $"row {offset + r + 1}, column '{labelField.Name}'");
                }

                offset += rows;
            }

            if (offset == 0)
            {
                throw new DataFormatException(path, "file", "no rows");
            }

            return Dataset.FromArrays(path, values, labels, [features.Count], schema.Classes.Count);
        }
    }

    private static async Task<double[]> ReadNumericAsync(ParquetRowGroupReader group, DataField field, int rows, string path, long offset)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        return type switch
        {
            _ when type == typeof(double) => await ReadAsync<double>(group, field, rows, path, offset, v => v).ConfigureAwait(false),
            _ when type == typeof(float) => await ReadAsync<float>(group, field, rows, path, offset, v => v).ConfigureAwait(false),
            _ when type == typeof(int) => await ReadAsync<int>(group, field, rows, path, offset, v => v).ConfigureAwait(false),
            _ when type == typeof(long) => await ReadAsync<long>(group, field, rows, path, offset, v => v).ConfigureAwait(false),
            _ when type == typeof(short) => await ReadAsync<short>(group, field, rows, path, offset, v => v).ConfigureAwait(false),
            _ when type == typeof(byte) => await ReadAsync<byte>(group, field, rows, path, offset, v => v).ConfigureAwait(false),
            _ when type == typeof(decimal) => await ReadAsync<decimal>(group, field, rows, path, offset, v => (double)v).ConfigureAwait(false),
            _ => throw new DataFormatException(path, $"column '{field.Name}'", $"holds {type.Name} values, expected numbers"),
        };
    }

    private static async Task<double[]> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int rows, string path, long offset, Func<T, double> convert)
        where T : struct
    {
        var result = new double[rows];
        if (field.IsNullable)
        {
            var buffer = new T?[rows];
            await group.ReadAsync<T>(field, buffer.AsMemory()).ConfigureAwait(false);
            for (var r = 0; r < rows; r++)
            {
                result[r] = buffer[r] is { } value
                    ? convert(value)
                    : throw new DataFormatException(path, $"row {offset + r + 1}, column '{field.Name}'", "missing value, expected a number");
            }
        }
        else
        {
            var buffer = new T[rows];
            await group.ReadAsync<T>(field, buffer.AsMemory()).ConfigureAwait(false);
            for (var r = 0; r < rows; r++)
            {
                result[r] = convert(buffer[r]);
            }
        }

        return result;
    }

    // A label cell is matched to the class names as text, so an integer column works for classes named "0", "1", ...
    private static async Task<string?[]> ReadLabelCellsAsync(ParquetRowGroupReader group, DataField field, int rows, string path, long offset)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var buffer = new string?[rows];
            await group.ReadAsync(field, buffer.AsMemory()).ConfigureAwait(false);
            return buffer;
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte))
        {
            var numbers = await ReadNumericAsync(group, field, rows, path, offset).ConfigureAwait(false);
            return numbers.Select(n => ((long)n).ToString(CultureInfo.InvariantCulture)).ToArray();
        }

        throw new DataFormatException(path, $"column '{field.Name}'", $"holds {type.Name} values, expected class names (text) or integers");
    }

    private static int ColumnIndex(string[] columns, string name, string field, string path, string location)
    {
        var index = Array.IndexOf(columns, name);
        if (index < 0)
        {
            throw new DataFormatException(path, location, $"{field} \"{name}\" is not among the columns ({string.Join(", ", columns.Select(c => $"'{c}'"))})");
        }

        if (Array.LastIndexOf(columns, name) != index)
        {
            throw new DataFormatException(path, location, $"{field} \"{name}\" names more than one column");
        }

        return index;
    }

    private static Dictionary<string, int> ClassIndex(InputSchema schema) =>
        schema.Classes.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);

    private static float ParseFeature(string cell, string path, string location)
    {
        if (cell.Length == 0)
        {
            throw new DataFormatException(path, location, "missing value, expected a number");
        }

        return float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value)
            ? value
            : throw new DataFormatException(path, location, $"'{cell}' is not a finite number");
    }

    private static int LabelOf(string? cell, Dictionary<string, int> classes, InputSchema schema, string path, string location)
    {
        if (string.IsNullOrEmpty(cell))
        {
            throw new DataFormatException(path, location, "missing label");
        }

        return classes.TryGetValue(cell, out var index)
            ? index
            : throw new DataFormatException(path, location, $"label '{cell}' is not among input.classes ({string.Join(", ", schema.Classes)})");
    }
}
