namespace FedChain.Learning;

/// <summary>Writes class probabilities [rows.Length, classes] for the given rows of a dataset; returns their mean loss.</summary>
public delegate float BatchPredictor(ReadOnlySpan<int> rows, Span<float> probabilities);
