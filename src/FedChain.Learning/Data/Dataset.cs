namespace FedChain.Learning.Data;

/// <summary>
/// An in-memory labelled dataset: a float32 feature matrix (one row per sample) and integer labels.
/// <see cref="Subset"/> makes a view over the same storage, so partitions copy only their indices.
/// </summary>
public sealed class Dataset
{
    private readonly float[] _features;
    private readonly int[] _labels;
    private readonly int[]? _rows;
    private readonly int _firstLine;
    private readonly int[]? _origin;

    private Dataset(string source, float[] features, int[] labels, int[] sampleShape, int classes, int[]? rows, int firstLine, int[]? origin = null)
    {
        _origin = origin;
        Source = source;
        _features = features;
        _labels = labels;
        SampleShape = sampleShape;
        FeatureCount = sampleShape.Aggregate(1, (a, d) => checked(a * d));
        NumClasses = classes;
        _rows = rows;
        _firstLine = firstLine;
    }

    /// <summary>Wraps arrays as a dataset; features hold labels.Length rows of the sample shape's size.</summary>
    /// <param name="source">Where the data came from (a file path or a description), used in error messages.</param>
    /// <param name="features">Row-major features, labels.Length × product(sampleShape) values.</param>
    /// <param name="labels">Class index per row, each in [0, classes).</param>
    /// <param name="sampleShape">Shape of one sample, e.g. [1, 28, 28] or [30].</param>
    /// <param name="classes">Number of classes of the label space.</param>
    public static Dataset FromArrays(string source, float[] features, int[] labels, IReadOnlyList<int> sampleShape, int classes) =>
        FromArrays(source, features, labels, sampleShape, classes, firstLine: 0);

    internal static Dataset FromArrays(string source, float[] features, int[] labels, IReadOnlyList<int> sampleShape, int classes, int firstLine)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        var shape = sampleShape.ToArray();
        if (shape.Length == 0 || shape.Any(d => d <= 0))
        {
            throw new ArgumentException($"{source}: sample shape [{string.Join(", ", shape)}] must have positive dimensions");
        }

        var size = shape.Aggregate(1, (a, d) => checked(a * d));
        if ((long)labels.Length * size != features.Length)
        {
            throw new ArgumentException($"{source}: {labels.Length} labels × {size} features = {(long)labels.Length * size} values expected, got {features.Length}");
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentException($"{source}: {Describe(i, firstLine)} has label {labels[i]}, expected 0..{classes - 1}");
            }
        }

        return new Dataset(source, features, labels, shape, classes, null, firstLine);
    }

    /// <summary>Where the data came from, as used in error messages.</summary>
    public string Source { get; }

    /// <summary>Number of samples in this view.</summary>
    public int Count => _rows?.Length ?? _labels.Length;

    /// <summary>Shape of one sample, e.g. [1, 28, 28].</summary>
    public IReadOnlyList<int> SampleShape { get; }

    /// <summary>Values per sample (product of <see cref="SampleShape"/>).</summary>
    public int FeatureCount { get; }

    /// <summary>Number of classes of the label space (labels are in [0, NumClasses)).</summary>
    public int NumClasses { get; }

    /// <summary>The features of sample <paramref name="index"/> of this view.</summary>
    public ReadOnlySpan<float> Features(int index) => _features.AsSpan(StorageRow(index) * FeatureCount, FeatureCount);

    /// <summary>The label of sample <paramref name="index"/> of this view.</summary>
    public int Label(int index) => _labels[StorageRow(index)];

    /// <summary>A view of the given samples (indices into this view), sharing storage.</summary>
    public Dataset Subset(ReadOnlySpan<int> indices, string? source = null)
    {
        var rows = new int[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"{Source}: subset index {indices[i]} at position {i} is outside 0..{Count - 1}");
            }

            rows[i] = StorageRow(indices[i]);
        }

        return new Dataset(source ?? Source, _features, _labels, (int[])SampleShape, NumClasses, rows, _firstLine, _origin);
    }

    /// <summary>Samples per label, indexed by class.</summary>
    public int[] LabelCounts()
    {
        var counts = new int[NumClasses];
        for (var i = 0; i < Count; i++)
        {
            counts[Label(i)]++;
        }

        return counts;
    }

    /// <summary>Copies this view into fresh contiguous arrays (features row-major, then labels).</summary>
    public (float[] Features, int[] Labels) ToArrays()
    {
        var features = new float[(long)Count * FeatureCount];
        var labels = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            Features(i).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            labels[i] = Label(i);
        }

        return (features, labels);
    }

    /// <summary>Names sample <paramref name="index"/> by its place in the source (CSV line or item number).</summary>
    public string DescribeSample(int index) => Describe(OriginalRow(StorageRow(index)), _firstLine);

    /// <summary>A dataset with the same rows and new features (e.g. standardised), keeping labels and origin.</summary>
    internal Dataset WithFeatures(float[] features, string source)
    {
        var origin = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            origin[i] = OriginalRow(StorageRow(i));
        }

        return new(source, features, ToArrays().Labels, (int[])SampleShape, NumClasses, null, _firstLine, origin);
    }

    private int OriginalRow(int storageRow) => _origin is null ? storageRow : _origin[storageRow];

    private int StorageRow(int index) => _rows is null ? index : _rows[index];

    private static string Describe(int row, int firstLine) =>
        firstLine > 0 ? $"line {row + firstLine}" : $"item {row}";
}
