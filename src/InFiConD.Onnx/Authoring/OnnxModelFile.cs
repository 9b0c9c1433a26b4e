using Google.Protobuf;
using InFiConD.Core;
using Onnx;

namespace InFiConD.Onnx;

/// <summary>Reads an ONNX model file into its protobuf form, with errors that name the file.</summary>
public static class OnnxModelFile
{
    /// <summary>Parses <paramref name="path"/> as an ONNX <see cref="ModelProto"/>.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <returns>The parsed model (nothing about its graph is checked).</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidFileException">The protobuf does not parse (the parser's exception is the inner exception).</exception>
    public static ModelProto Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX model '{path}' does not exist.", path);
        }
        try
        {
            using var stream = File.OpenRead(path);
            return ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidFileException(path, null, null, $"Not an ONNX model (the protobuf does not parse: {e.Message}).", e);
        }
    }
}
