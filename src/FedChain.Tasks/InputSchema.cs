namespace FedChain.Tasks;

/// <summary>
/// What one sample is. "tabular": named numeric feature columns and a label column (CSV or Parquet);
/// "images": a folder per class of PNG/JPEG files of one size and channel count. Class indices follow
/// <see cref="Classes"/>; in a binary task the second class is the positive one (ROC AUC, F1).
/// </summary>
public sealed record InputSchema
{
    /// <summary>"tabular" or "images".</summary>
    public required string Format { get; init; }

    /// <summary>Class names in index order; a label cell holds a name or its index, an image folder is named after one.</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Tabular: the feature columns, in the order the model sees them (other columns are ignored).</summary>
    public IReadOnlyList<string>? FeatureColumns { get; init; }

    /// <summary>Tabular: the column holding the label.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>Tabular: how features are standardised, the same way at every site.</summary>
    public StandardisationDefinition? Standardisation { get; init; }

    /// <summary>Images: width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Images: height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>Images: 1 (grey) or 3 (RGB).</summary>
    public int? Channels { get; init; }

    /// <summary>Images: per-channel mean and std applied to pixels scaled to [0, 1].</summary>
    public NormalisationDefinition? Normalisation { get; init; }
}
