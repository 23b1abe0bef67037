using System.Globalization;

namespace FedChain.Tasks;

/// <summary>Checks a task can be satisfied; the first problem is a <see cref="TaskDefinitionException"/> naming the field.</summary>
internal static class TaskValidator
{
    public static readonly string[] Builtins = ["logreg", "mlp", "cnn"];
    public static readonly string[] KnownMetrics = ["accuracy", "balanced_accuracy", "roc_auc", "f1"];
    public static readonly string[] BinaryMetrics = ["roc_auc", "f1"];
    public static readonly string[] Optimizers = ["sgd", "adam"];

    public static void Validate(TaskDefinition task, string source)
    {
        void Fail(string field, string problem) => throw new TaskDefinitionException(source, field, problem);

        if (string.IsNullOrWhiteSpace(task.Name))
        {
            Fail("name", "is empty");
        }

        ValidateInput(task.Input, Fail);
        ValidateModel(task.Model, task.Input, Fail);

        if (task.Loss != "cross_entropy")
        {
            Fail("loss", $"\"{task.Loss}\" is not supported, expected \"cross_entropy\"");
        }

        if (task.Metrics.Count == 0)
        {
            Fail("metrics", "is empty, expected at least one of " + Quoted(KnownMetrics));
        }

        for (var i = 0; i < task.Metrics.Count; i++)
        {
            var metric = task.Metrics[i];
            if (!KnownMetrics.Contains(metric))
            {
                Fail($"metrics[{i}]", $"\"{metric}\" is not one of {Quoted(KnownMetrics)}");
            }

            if (BinaryMetrics.Contains(metric) && task.Input.Classes.Count != 2)
            {
                Fail($"metrics[{i}]", $"\"{metric}\" needs a binary task, input.classes has {task.Input.Classes.Count} classes");
            }

            if (task.Metrics.Take(i).Contains(metric))
            {
                Fail($"metrics[{i}]", $"\"{metric}\" is listed twice");
            }
        }

        var training = task.Training;
        if (training.Epochs < 1)
        {
            Fail("training.epochs", $"is {training.Epochs}, expected at least 1");
        }

        if (training.BatchSize < 1)
        {
            Fail("training.batch_size", $"is {training.BatchSize}, expected at least 1");
        }

        if (!(training.LearningRate > 0) || !double.IsFinite(training.LearningRate))
        {
            Fail("training.learning_rate", $"is {training.LearningRate.ToString(CultureInfo.InvariantCulture)}, expected a finite number above 0");
        }

        if (!Optimizers.Contains(training.Optimizer))
        {
            Fail("training.optimizer", $"\"{training.Optimizer}\" is not one of {Quoted(Optimizers)}");
        }

        if (string.IsNullOrWhiteSpace(task.HeldOut.Validation))
        {
            Fail("held_out.validation", "is empty, expected the aggregator's validation file or folder");
        }

        if (string.IsNullOrWhiteSpace(task.HeldOut.Test))
        {
            Fail("held_out.test", "is empty, expected the aggregator's test file or folder");
        }

        if (task.HeldOut.Validation == task.HeldOut.Test)
        {
            Fail("held_out.test", $"\"{task.HeldOut.Test}\" is also the validation set, expected a separate set");
        }
    }

    private static void ValidateInput(InputSchema input, Action<string, string> fail)
    {
        if (input.Classes.Count < 2)
        {
            fail("input.classes", $"has {input.Classes.Count} class(es), expected at least 2");
        }

        for (var i = 0; i < input.Classes.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(input.Classes[i]))
            {
                fail($"input.classes[{i}]", "is empty");
            }

            if (input.Classes.Take(i).Contains(input.Classes[i]))
            {
                fail($"input.classes[{i}]", $"\"{input.Classes[i]}\" is listed twice");
            }
        }

        switch (input.Format)
        {
            case "tabular":
                ValidateTabular(input, fail);
                break;
            case "images":
                ValidateImages(input, fail);
                break;
            default:
                fail("input.format", $"\"{input.Format}\" is not \"tabular\" or \"images\"");
                break;
        }
    }

    private static void ValidateTabular(InputSchema input, Action<string, string> fail)
    {
        foreach (var (field, set) in new (string, bool)[]
        {
            ("input.width", input.Width is not null), ("input.height", input.Height is not null),
            ("input.channels", input.Channels is not null), ("input.normalisation", input.Normalisation is not null),
        })
        {
            if (set)
            {
                fail(field, "is for \"images\" inputs, input.format is \"tabular\"");
            }
        }

        var features = input.FeatureColumns;
        if (features is null || features.Count == 0)
        {
            fail("input.feature_columns", "is missing or empty, expected the feature column names");
            return;
        }

        for (var i = 0; i < features.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(features[i]))
            {
                fail($"input.feature_columns[{i}]", "is empty");
            }

            if (features.Take(i).Contains(features[i]))
            {
                fail($"input.feature_columns[{i}]", $"\"{features[i]}\" is listed twice");
            }
        }

        if (string.IsNullOrWhiteSpace(input.LabelColumn))
        {
            fail("input.label_column", "is missing, expected the name of the column holding the label");
        }

        if (features.Contains(input.LabelColumn!))
        {
            fail("input.label_column", $"\"{input.LabelColumn}\" is also a feature column");
        }

        var standardisation = input.Standardisation;
        if (standardisation is null)
        {
            fail("input.standardisation", "is missing, expected {\"mode\": \"federated\"}, {\"mode\": \"fixed\", \"mean\": [...], \"std\": [...]} or {\"mode\": \"none\"}");
            return;
        }

        switch (standardisation.Mode)
        {
            case "federated" or "none":
                if (standardisation.Mean is not null || standardisation.Std is not null)
                {
                    fail("input.standardisation", $"mode \"{standardisation.Mode}\" takes no mean or std");
                }

                break;
            case "fixed":
                CheckMoments(standardisation.Mean, standardisation.Std, features.Count, "input.standardisation", "feature", fail);
                break;
            default:
                fail("input.standardisation.mode", $"\"{standardisation.Mode}\" is not \"federated\", \"fixed\" or \"none\"");
                break;
        }
    }

    private static void ValidateImages(InputSchema input, Action<string, string> fail)
    {
        for (var i = 0; i < input.Classes.Count; i++)
        {
            var name = input.Classes[i];
            if (name is "." or ".." || name.IndexOfAny(['/', '\\', '\0']) >= 0)
            {
                fail($"input.classes[{i}]", $"\"{name}\" cannot name a class folder");
            }
        }

        foreach (var (field, set) in new (string, bool)[]
        {
            ("input.feature_columns", input.FeatureColumns is not null), ("input.label_column", input.LabelColumn is not null),
            ("input.standardisation", input.Standardisation is not null),
        })
        {
            if (set)
            {
                fail(field, "is for \"tabular\" inputs, input.format is \"images\"");
            }
        }

        if (input.Width is not (> 0 and <= 8192))
        {
            fail("input.width", input.Width is null ? "is missing, expected the image width in pixels" : $"is {input.Width}, expected 1..8192");
        }

        if (input.Height is not (> 0 and <= 8192))
        {
            fail("input.height", input.Height is null ? "is missing, expected the image height in pixels" : $"is {input.Height}, expected 1..8192");
        }

        if (input.Channels is not (1 or 3))
        {
            fail("input.channels", input.Channels is null ? "is missing, expected 1 (grey) or 3 (RGB)" : $"is {input.Channels}, expected 1 (grey) or 3 (RGB)");
        }

        if (input.Normalisation is { } normalisation)
        {
            CheckMoments(normalisation.Mean, normalisation.Std, input.Channels!.Value, "input.normalisation", "channel", fail);
        }
    }

    private static void CheckMoments(IReadOnlyList<double>? mean, IReadOnlyList<double>? std, int count, string field, string per, Action<string, string> fail)
    {
        if (mean is null || mean.Count != count)
        {
            fail($"{field}.mean", $"has {mean?.Count ?? 0} values, expected {count} (one per {per})");
        }

        if (std is null || std.Count != count)
        {
            fail($"{field}.std", $"has {std?.Count ?? 0} values, expected {count} (one per {per})");
        }

        for (var i = 0; i < count; i++)
        {
            if (!double.IsFinite(mean![i]))
            {
                fail($"{field}.mean[{i}]", "is not a finite number");
            }

            if (!(std![i] > 0) || !double.IsFinite(std[i]))
            {
                fail($"{field}.std[{i}]", $"is {std[i].ToString(CultureInfo.InvariantCulture)}, expected a finite number above 0");
            }
        }
    }

    private static void ValidateModel(ModelDefinition model, InputSchema input, Action<string, string> fail)
    {
        if ((model.Builtin is null) == (model.TorchScript is null))
        {
            fail("model", "must name exactly one of \"builtin\" and \"torchscript\"");
        }

        if (model.Builtin is { } builtin)
        {
            if (!Builtins.Contains(builtin))
            {
                fail("model.builtin", $"\"{builtin}\" is not one of {Quoted(Builtins)}");
            }

            if (model.Sha256 is not null)
            {
                fail("model.sha256", "is for a \"torchscript\" model, a built-in model has none");
            }

            if (builtin == "mlp")
            {
                if (model.Hidden is null || model.Hidden.Count == 0)
                {
                    fail("model.hidden", "is missing or empty, expected the mlp's hidden layer widths, e.g. [32, 16]");
                }

                for (var i = 0; i < model.Hidden!.Count; i++)
                {
                    if (model.Hidden[i] is < 1 or > 65536)
                    {
                        fail($"model.hidden[{i}]", $"is {model.Hidden[i]}, expected 1..65536");
                    }
                }
            }
            else if (model.Hidden is not null)
            {
                fail("model.hidden", $"is for an \"mlp\", model.builtin is \"{builtin}\"");
            }

            if (builtin == "cnn")
            {
                if (input.Format != "images")
                {
                    fail("model.builtin", "\"cnn\" needs input.format \"images\"");
                }

                if (input.Width % 4 != 0 || input.Height % 4 != 0)
                {
                    fail("model.builtin", $"\"cnn\" needs input.width and input.height divisible by 4, got {input.Width}x{input.Height}");
                }
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(model.TorchScript))
            {
                fail("model.torchscript", "is empty, expected the .pt file made with torch.jit.script(model).save(...)");
            }

            if (model.Hidden is not null)
            {
                fail("model.hidden", "is for a built-in \"mlp\", a TorchScript model defines its own layers");
            }

            if (model.Sha256 is null || model.Sha256.Length != 64 || !model.Sha256.All(char.IsAsciiHexDigitLower))
            {
                fail("model.sha256", model.Sha256 is null
                    ? "is missing, expected the TorchScript file's SHA-256 (64 lower-case hex digits)"
                    : $"\"{model.Sha256}\" is not 64 lower-case hex digits");
            }
        }
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));
}
