using InFiConD.Core;
using InFiConD.Embedding;
using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Studio;

/// <summary>
/// The teacher's class names, in output order: from the <c>--classes</c> file (one name per line) when given, else from
/// the model's metadata, where <see cref="TeacherModelComposer"/> writes them (key <see cref="TeacherModelComposer.ClassNamesKey"/>,
/// a JSON array).
/// </summary>
internal static class TeacherClassNames
{
    /// <summary>The names and where they came from, for the session's description.</summary>
    /// <exception cref="ArgumentException">The file names no class or a class twice, the model cannot be opened, or it
    /// carries no class names and no file was given (the flag is named).</exception>
    public static (IReadOnlyList<string> Names, string Source) Read(string model, string? classesFile) => classesFile is null
        ? (FromModel(model), "the model's metadata")
        : (FromFile(classesFile), Path.GetFileName(classesFile));

    private static string[] FromFile(string path)
    {
        var lines = File.ReadAllLines(path);
        var names = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var name = lines[i].Trim();
            if (name.Length == 0)
            {
                continue;
            }
            if (!seen.TryAdd(name, i + 1))
            {
                throw new ArgumentException($"Flag --classes: '{path}' names the class '{name}' twice (lines {seen[name]} and {i + 1}); give each class once, in the teacher's output order.");
            }
            names.Add(name);
        }
        return names.Count > 0 ? [.. names]
            : throw new ArgumentException($"Flag --classes: '{path}' names no class; write one class name per line, in the teacher's output order.");
    }

    /// <summary>The names the model carries, read by the library (<see cref="OnnxTeacher.Load(string, Preprocessing, OnnxTeacherOptions?)"/>).</summary>
    private static string[] FromModel(string path)
    {
        try
        {
            using var teacher = OnnxTeacher.Load(path, Preprocessing.ResNet18Package);
            return [.. teacher.ClassNames];
        }
        catch (InvalidFileException e) when (e.Field == TeacherModelComposer.ClassNamesKey)
        {
            throw new ArgumentException($"Flag --teacher: {e.Message} Give them with --classes FILE, one per line in output order.", e);
        }
        catch (Exception e) when (e is InvalidFileException or OnnxRuntimeException)
        {
            throw new ArgumentException($"Flag --teacher: '{path}' could not be opened as an ONNX teacher: {e.Message}", e);
        }
    }
}
