using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using InFiConD.Core;
using InFiConD.Editing;
using InFiConD.Students;

namespace InFiConD.Tests.Json;

public sealed class InFiConDJsonContextTests(JsonWorld world) : IClassFixture<JsonWorld>
{
    private static readonly InFiConDJsonContext Context = InFiConDJsonContext.Default;

    private static IEnumerable<Type> RegisteredTypes() => typeof(InFiConDJsonContext).CustomAttributes
        .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
        .Select(a => (Type)a.ConstructorArguments[0].Value!);

    [Fact]
    public void Every_registered_type_has_a_sample_and_round_trips_to_the_same_json()
    {
        var samples = JsonSamples.From(world);
        var failures = new List<string>();
        foreach (var type in RegisteredTypes())
        {
            if (!samples.TryGetValue(type, out var sample))
            {
                failures.Add($"{type}: no sample (add one to JsonSamples)");
                continue;
            }
            try
            {
                var json = JsonSerializer.Serialize(sample, type, Context);
                if (JsonSamples.WriteOnly.Contains(type))
                {
                    continue;
                }
                var back = JsonSerializer.Deserialize(json, type, Context)!;
                var again = JsonSerializer.Serialize(back, type, Context);
                if (json != again)
                {
                    failures.Add($"{type}: {json} became {again}");
                }
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
            {
                failures.Add($"{type}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Students_keep_every_weight_bit_for_bit_spread_included()
    {
        var students = world.Session.Current.Students;
        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(students, Context.StudentEnsemble), Context.StudentEnsemble)!;
        Assert.Equal(students.ClassNames, back.ClassNames);
        Assert.Equal(students.ConceptNames, back.ConceptNames);
        Assert.Equal(Bits(students.CopyStandardizedWeights().AsSpan()), Bits(back.CopyStandardizedWeights().AsSpan()));
        Assert.Equal(Bits(students.Biases), Bits(back.Biases));
        Assert.Equal(Bits(students.ConceptMean), Bits(back.ConceptMean));
        Assert.Equal(Bits(students.ConceptDeviation), Bits(back.ConceptDeviation));
        Assert.Equal(students.Spread!.Members, back.Spread!.Members);
        Assert.Equal(Bits(students.Spread.Mean.AsSpan()), Bits(back.Spread.Mean.AsSpan()));
        Assert.Equal(Bits(students.Spread.Deviation.AsSpan()), Bits(back.Spread.Deviation.AsSpan()));
        Assert.Equal(Bits(students.Spread.NonZeroFraction.AsSpan()), Bits(back.Spread.NonZeroFraction.AsSpan()));
    }

    [Fact]
    public void Value_records_read_back_equal()
    {
        var entry = world.Edit.Entry;
        Assert.Equal(entry.Edits, JsonSerializer.Deserialize(JsonSerializer.Serialize(entry.Edits, Context.IReadOnlyListConceptEdit), Context.IReadOnlyListConceptEdit));
        Assert.Equal(entry.Bounds[0], JsonSerializer.Deserialize(JsonSerializer.Serialize(entry.Bounds[0], Context.WeightBounds), Context.WeightBounds));
        Assert.Equal(entry.MetricsAfter, JsonSerializer.Deserialize(JsonSerializer.Serialize(entry.MetricsAfter, Context.EditMetrics), Context.EditMetrics));
        Assert.Equal(world.Fidelity.MeanKl, JsonSerializer.Deserialize(JsonSerializer.Serialize(world.Fidelity, Context.Fidelity), Context.Fidelity)!.MeanKl);
        var summary = world.Session.HistorySummary()[1];
        var summaryBack = JsonSerializer.Deserialize(JsonSerializer.Serialize(summary, Context.ProvenanceEntrySummary), Context.ProvenanceEntrySummary)!;
        Assert.Equal((summary.VersionId, summary.ParentId, summary.Created, summary.Top1Agreement), (summaryBack.VersionId, summaryBack.ParentId, summaryBack.Created, summaryBack.Top1Agreement));
        Assert.Equal(summary.Edits, summaryBack.Edits);
    }

    [Fact]
    public void Enums_travel_as_names_both_ways_with_the_context_and_with_web_defaults_plus_AddInFiConD()
    {
        const string Request = """{"kind":"Downtune","className":"boat","conceptName":"water","factor":3}""";
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web).AddInFiConD();
        foreach (var edit in new[] { JsonSerializer.Deserialize(Request, Context.ConceptEdit)!, JsonSerializer.Deserialize<ConceptEdit>(Request, web)! })
        {
            Assert.Equal(ConceptEdit.Downtune("boat", "water", 3), edit);
        }
        Assert.Contains("\"kind\":\"Downtune\"", JsonSerializer.Serialize(ConceptEdit.Downtune("boat", "water"), Context.ConceptEdit), StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"Downtune\"", JsonSerializer.Serialize(ConceptEdit.Downtune("boat", "water"), web), StringComparison.Ordinal);
        Assert.Contains("\"status\":\"", JsonSerializer.Serialize(world.Edit.Entry.Refit, web), StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ConceptEdit>("""{"kind":"Sideways","className":"boat","conceptName":"water"}""", web));
    }

    [Fact]
    public void AddInFiConD_on_plain_or_web_options_writes_what_the_context_writes_and_is_idempotent()
    {
        var plain = new JsonSerializerOptions().AddInFiConD().AddInFiConD();
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web).AddInFiConD();
        Assert.Single(plain.Converters.OfType<JsonStringEnumConverter>());
        Assert.Equal(1, plain.TypeInfoResolverChain.Count(r => ReferenceEquals(r, Context)));
        foreach (var (type, sample) in JsonSamples.From(world))
        {
            var expected = JsonSerializer.Serialize(sample, type, Context);
            Assert.Equal(expected, JsonSerializer.Serialize(sample, type, plain));
            Assert.Equal(expected, JsonSerializer.Serialize(sample, type, web));
        }
        // The host's own types keep working through the resolvers it had.
        Assert.Equal("""{"name":"x"}""", JsonSerializer.Serialize(new { Name = "x" }, web));
    }

    [Fact]
    public void Refit_settings_are_data_and_are_validated()
    {
        Assert.Equal(EditRefit.FixedEpochs(300), JsonSerializer.Deserialize("""{"epochs":300}""", Context.EditRefit));
        Assert.Equal(EditRefit.ToTolerance(1e-5, 2000), JsonSerializer.Deserialize("""{"tolerance":1e-5}""", Context.EditRefit));
        Assert.Equal(EditRefit.Converged, JsonSerializer.Deserialize("{}", Context.EditRefit));
        foreach (var refit in new[] { EditRefit.Converged, EditRefit.FixedEpochs(7), EditRefit.ToTolerance(1e-3, 50) })
        {
            Assert.Equal(refit, JsonSerializer.Deserialize(JsonSerializer.Serialize(refit, Context.EditRefit), Context.EditRefit));
        }
        Assert.Contains("tolerance", Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"tolerance":0.5}""", Context.EditRefit)).Message, StringComparison.Ordinal);
        Assert.Contains("both", Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"epochs":3,"tolerance":1e-6}""", Context.EditRefit)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_carries_students_with_values_and_no_logits()
    {
        var json = JsonSerializer.Serialize(world.Session.Current, Context.SessionVersion);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(world.Session.Current.Id, root.GetProperty("id").GetString());
        var weights = root.GetProperty("students").GetProperty("standardizedWeights");
        Assert.Equal(JsonWorld.Classes.Length * JsonWorld.Concepts.Length, weights.GetProperty("values").GetArrayLength());
        Assert.Equal(2, root.GetProperty("metricsBySplit").EnumerateObject().Count());
        Assert.False(root.TryGetProperty("logitValues", out _));
        // The edit result writes the version once, the per-split outcomes and whether a cancel came too late; nothing derived is repeated.
        using var result = JsonDocument.Parse(JsonSerializer.Serialize(world.Edit, Context.EditResult));
        Assert.Equal(["version", "splits", "cancellationTooLate"], result.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void History_summaries_are_a_few_hundred_bytes_each()
    {
        var summaries = world.Session.HistorySummary();
        Assert.Equal(world.Session.Log.Entries.Count + 1, summaries.Count);
        Assert.Equal((ProvenanceLog.RootId, null), (summaries[0].VersionId, summaries[0].ParentId));
        Assert.Equal(["downtune boat/water ×4", "remove car/noise"], summaries[1].Edits);
        Assert.Equal(world.Edit.Entry.MetricsAfter.Top1Agreement - world.Edit.Entry.MetricsBefore.Top1Agreement, summaries[1].Top1AgreementChange);
        for (var i = 1; i < summaries.Count; i++)
        {
            var size = JsonSerializer.Serialize(summaries[i], Context.ProvenanceEntrySummary).Length;
            var entrySize = JsonSerializer.Serialize(world.Session.Log.Entries[i - 1], Context.ProvenanceEntry).Length;
            Assert.InRange(size, 100, 400);
            Assert.True(size * 4 < entrySize, $"summary {size} B vs entry {entrySize} B");
        }
    }

    [Fact]
    public void No_type_in_the_context_has_a_span_property_or_a_matrix_without_its_converter()
    {
        var problems = new List<string>();
        var seen = new HashSet<Type>();
        foreach (var type in RegisteredTypes())
        {
            Walk(type, type.Name, seen, problems);
        }
        Assert.Empty(problems);
        Assert.Contains(typeof(WeightSpread), seen); // the walk reached the matrices' owners
    }

    private static void Walk(Type type, string path, HashSet<Type> seen, List<string> problems)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            type = underlying;
        }
        if (type == typeof(FloatMatrix) && type.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType != typeof(FloatMatrixJsonConverter))
        {
            problems.Add($"{path}: FloatMatrix without FloatMatrixJsonConverter");
        }
        if (type.IsPrimitive || type == typeof(string) || type.IsEnum || !seen.Add(type))
        {
            return;
        }
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Walk(argument, $"{path}<{argument.Name}>", seen, problems);
            }
        }
        if (type.IsArray)
        {
            Walk(type.GetElementType()!, path + "[]", seen, problems);
        }
        // A converter on the type decides its shape (and must handle spans itself); the library's own types are walked.
        if (type.Assembly.GetName().Name?.StartsWith("InFiConD", StringComparison.Ordinal) != true || type.GetCustomAttribute<JsonConverterAttribute>() is not null)
        {
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
            {
                continue;
            }
            var propertyPath = $"{path}.{property.Name}";
            if (property.PropertyType.IsByRefLike)
            {
                problems.Add($"{propertyPath}: {property.PropertyType.Name} cannot be serialised");
                continue;
            }
            if (property.GetCustomAttribute<JsonConverterAttribute>() is null)
            {
                Walk(property.PropertyType, propertyPath, seen, problems);
            }
        }
    }

    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        }
        return bits;
    }
}
