namespace FedChain.Tasks.Tests;

public sealed class TaskFileTests
{
    internal const string Tabular = """
        {
          "name": "wdbc",
          "model": {"builtin": "mlp", "hidden": [32, 16]},
          "input": {
            "format": "tabular",
            "feature_columns": ["radius", "texture"],
            "label_column": "diagnosis",
            "classes": ["benign", "malignant"],
            "standardisation": {"mode": "federated"}
          },
          "loss": "cross_entropy",
          "metrics": ["accuracy", "balanced_accuracy", "roc_auc", "f1"],
          "training": {"epochs": 1, "batch_size": 16, "learning_rate": 0.05, "optimizer": "sgd"},
          "held_out": {"validation": "validation.csv", "test": "test.csv"}
        }
        """;

    [Fact]
    public void Parse_ValidTabularTask_KeepsEveryField()
    {
        var task = TaskFile.Parse(Tabular, "task.json", "/data");

        Assert.Equal("wdbc", task.Definition.Name);
        Assert.Equal([32, 16], task.Definition.Model.Hidden);
        Assert.Equal("diagnosis", task.Definition.Input.LabelColumn);
        Assert.Equal("federated", task.Definition.Input.Standardisation!.Mode);
        Assert.Equal(16, task.Definition.Training.BatchSize);
        Assert.Equal("/data/validation.csv", task.ValidationPath);
        Assert.Equal("/data/test.csv", task.TestPath);
        Assert.Null(task.TorchScriptPath);
    }

    [Fact]
    public void Hash_FormattingKeyOrderAndComments_DoNotChangeIt()
    {
        var reformatted = """
            // the same task, written differently
            {"held_out": {"test": "test.csv", "validation": "validation.csv"},
             "training": {"optimizer": "sgd", "learning_rate": 5e-2, "batch_size": 16, "epochs": 1},
             "metrics": ["accuracy", "balanced_accuracy", "roc_auc", "f1"], "loss": "cross_entropy",
             "input": {"standardisation": {"mode": "federated"}, "classes": ["benign", "malignant"], "label_column": "diagnosis",
                       "feature_columns": ["radius", "texture"], "format": "tabular"},
             "model": {"hidden": [32, 16], "builtin": "mlp"}, "name": "wdbc"}
            """;

        var a = TaskFile.Parse(Tabular, "a.json", "/x");
        var b = TaskFile.Parse(reformatted, "b.json", "/y");

        Assert.Equal(a.CanonicalJson, b.CanonicalJson);
        Assert.Equal(a.Hash, b.Hash);
        Assert.Matches("^0x[0-9a-f]{64}$", a.Hash);
    }

    [Fact]
    public void Hash_AnyChangeOfMeaning_ChangesIt()
    {
        var a = TaskFile.Parse(Tabular, "a.json", "/x");
        var b = TaskFile.Parse(Tabular.Replace("[32, 16]", "[32, 8]", StringComparison.Ordinal), "b.json", "/x");

        Assert.NotEqual(a.Hash, b.Hash);
    }

    [Fact]
    public void Parse_TorchScriptModel_ResolvesItsPath()
    {
        var json = Tabular.Replace("""{"builtin": "mlp", "hidden": [32, 16]}""", $$"""{"torchscript": "model.pt", "sha256": "{{new string('a', 64)}}"}""", StringComparison.Ordinal);

        var task = TaskFile.Parse(json, "task.json", "/data");

        Assert.Equal("/data/model.pt", task.TorchScriptPath);
    }

    [Theory]
    [InlineData("\"builtin\": \"mlp\", \"hidden\": [32, 16]", "\"builtin\": \"resnet\"", "task.json: model.builtin \"resnet\" is not one of")]
    [InlineData("\"hidden\": [32, 16]", "\"hidden\": [32, 0]", "task.json: model.hidden[1] is 0, expected 1..65536")]
    [InlineData("\"builtin\": \"mlp\", \"hidden\": [32, 16]", "\"torchscript\": \"m.pt\", \"sha256\": \"abc\"", "task.json: model.sha256 \"abc\" is not 64 lower-case hex digits")]
    [InlineData("\"builtin\": \"mlp\", \"hidden\": [32, 16]", "\"builtin\": \"cnn\"", "task.json: model.builtin \"cnn\" needs input.format \"images\"")]
    [InlineData("\"label_column\": \"diagnosis\"", "\"label_column\": \"radius\"", "task.json: input.label_column \"radius\" is also a feature column")]
    [InlineData("[\"radius\", \"texture\"]", "[\"radius\", \"radius\"]", "task.json: input.feature_columns[1] \"radius\" is listed twice")]
    [InlineData("[\"benign\", \"malignant\"]", "[\"benign\"]", "task.json: input.classes has 1 class(es), expected at least 2")]
    [InlineData("\"mode\": \"federated\"", "\"mode\": \"fixed\", \"mean\": [1, 2], \"std\": [1]", "task.json: input.standardisation.std has 1 values, expected 2 (one per feature)")]
    [InlineData("\"mode\": \"federated\"", "\"mode\": \"fixed\", \"mean\": [1, 2], \"std\": [1, 0]", "task.json: input.standardisation.std[1] is 0, expected a finite number above 0")]
    [InlineData("\"mode\": \"federated\"", "\"mode\": \"local\"", "task.json: input.standardisation.mode \"local\" is not")]
    [InlineData("\"format\": \"tabular\"", "\"format\": \"tabular\", \"width\": 28", "task.json: input.width is for \"images\" inputs")]
    [InlineData("\"loss\": \"cross_entropy\"", "\"loss\": \"hinge\"", "task.json: loss \"hinge\" is not supported")]
    [InlineData("\"roc_auc\", \"f1\"", "\"roc_auc\", \"f2\"", "task.json: metrics[3] \"f2\" is not one of")]
    [InlineData("\"epochs\": 1", "\"epochs\": 0", "task.json: training.epochs is 0, expected at least 1")]
    [InlineData("\"learning_rate\": 0.05", "\"learning_rate\": -1", "task.json: training.learning_rate is -1, expected a finite number above 0")]
    [InlineData("\"optimizer\": \"sgd\"", "\"optimizer\": \"lbfgs\"", "task.json: training.optimizer \"lbfgs\" is not one of")]
    [InlineData("\"test\": \"test.csv\"", "\"test\": \"validation.csv\"", "task.json: held_out.test \"validation.csv\" is also the validation set")]
    [InlineData("\"label_column\": \"diagnosis\"", "\"lable_column\": \"diagnosis\"", "task.json: input.lable_column is invalid")]
    [InlineData("\"epochs\": 1", "\"epochs\": \"one\"", "task.json: training.epochs is invalid")]
    public void Parse_UnsatisfiableTask_NamesTheField(string original, string replacement, string expected)
    {
        var json = Tabular.Replace(original, replacement, StringComparison.Ordinal);
        Assert.NotEqual(Tabular, json);

        var error = Assert.Throws<TaskDefinitionException>(() => TaskFile.Parse(json, "task.json", "/data"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Parse_MissingRequiredField_NamesIt()
    {
        var json = Tabular.Replace("\"loss\": \"cross_entropy\",", string.Empty, StringComparison.Ordinal);

        var error = Assert.Throws<TaskDefinitionException>(() => TaskFile.Parse(json, "task.json", "/data"));

        Assert.StartsWith("task.json: task is invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains("'loss'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BinaryMetricOnMulticlassTask_IsRefused()
    {
        var json = Tabular.Replace("[\"benign\", \"malignant\"]", "[\"a\", \"b\", \"c\"]", StringComparison.Ordinal);

        var error = Assert.Throws<TaskDefinitionException>(() => TaskFile.Parse(json, "task.json", "/data"));

        Assert.Equal("task.json: metrics[2] \"roc_auc\" needs a binary task, input.classes has 3 classes", error.Message);
    }

    [Fact]
    public void Load_MissingFile_NamesIt()
    {
        var error = Assert.Throws<TaskDefinitionException>(() => TaskFile.Load("/nonexistent/task.json"));

        Assert.Equal("/nonexistent/task.json: file not found", error.Message);
    }
}
