using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// A CLIP vocabulary read and checked: <c>vocab.json</c> (token → id) and <c>merges.txt</c> (one
/// "left right" pair per line, most frequent first, after an optional <c>#version</c> line).
/// Checked here rather than left to the BPE library so that a bad file is named with its line or token.
/// </summary>
internal sealed record ClipVocabularyFiles(string VocabularyPath, string MergesPath, Dictionary<string, int> Vocabulary, List<string> Merges, string Hash)
{
    public static ClipVocabularyFiles Read(string vocabularyPath, string mergesPath)
    {
        var vocabularyBytes = ReadBytes(vocabularyPath);
        var mergesBytes = ReadBytes(mergesPath);
        var vocabulary = ParseVocabulary(vocabularyPath, vocabularyBytes);
        var merges = ParseMerges(mergesPath, mergesBytes, vocabulary);
        CheckSymbols(vocabularyPath, vocabulary);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(vocabularyBytes);
        hash.AppendData(mergesBytes);
        return new ClipVocabularyFiles(Path.GetFullPath(vocabularyPath), Path.GetFullPath(mergesPath), vocabulary, merges, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>GPT-2's bytes-to-unicode table, which CLIP uses: printable Latin-1 bytes stand for themselves, the rest map to U+0100 onwards.</summary>
    public static string[] ByteSymbols()
    {
        var symbols = new string[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is (>= '!' and <= '~') or (>= '¡' and <= '¬') or (>= '®' and <= 'ÿ');
            symbols[b] = ((char)(printable ? b : next++)).ToString();
        }
        return symbols;
    }

    private static byte[] ReadBytes(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CLIP tokenizer file '{path}' does not exist.", path);
        }
        return File.ReadAllBytes(path);
    }

    /// <summary>Files saved by Windows editors may start with a UTF-8 byte order mark, which JSON readers refuse.</summary>
    private static ReadOnlyMemory<byte> WithoutByteOrderMark(byte[] bytes) =>
        bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsMemory(Encoding.UTF8.Preamble.Length) : bytes;

    private static Dictionary<string, int> ParseVocabulary(string path, byte[] bytes)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(WithoutByteOrderMark(bytes));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidFileException(path, null, null, $"Expected a JSON object of token → id; found {document.RootElement.ValueKind}.");
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var id) || id < 0)
                {
                    throw new InvalidFileException(path, property.Name, null, $"Expected a non-negative integer id; found {property.Value.GetRawText()}.");
                }
                vocabulary[property.Name] = id;
            }
        }
        catch (JsonException e)
        {
            throw new InvalidFileException(path, null, e.LineNumber + 1, $"Not valid JSON: {e.Message}", e);
        }
        return vocabulary;
    }

    private static List<string> ParseMerges(string path, byte[] bytes, Dictionary<string, int> vocabulary)
    {
        var merges = new List<string>();
        var lines = Encoding.UTF8.GetString(WithoutByteOrderMark(bytes).Span).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || (i == 0 && line.StartsWith("#version", StringComparison.Ordinal)))
            {
                continue;
            }
            var parts = line.Split(' ');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new InvalidFileException(path, null, i + 1, $"Expected two tokens separated by one space; found '{line}'.");
            }
            foreach (var token in (string[])[parts[0], parts[1], parts[0] + parts[1]])
            {
                if (!vocabulary.ContainsKey(token))
                {
                    throw new InvalidFileException(path, null, i + 1, $"The merge '{line}' needs the token '{token}', which the vocabulary lacks.");
                }
            }
            merges.Add(line);
        }
        return merges;
    }

    private static void CheckSymbols(string path, Dictionary<string, int> vocabulary)
    {
        foreach (var token in (string[])[ClipTokenizer.StartToken, ClipTokenizer.EndToken])
        {
            if (!vocabulary.ContainsKey(token))
            {
                throw new InvalidFileException(path, token, null, "The vocabulary lacks this special token; a CLIP vocabulary ends with <|startoftext|> and <|endoftext|>.");
            }
        }
        foreach (var symbol in ByteSymbols())
        {
            // Any byte may occur, alone or ending a word, so both forms must exist for encoding to be total.
            foreach (var token in (string[])[symbol, symbol + ClipTokenizer.EndOfWordSuffix])
            {
                if (!vocabulary.ContainsKey(token))
                {
                    throw new InvalidFileException(path, token, null, "The vocabulary lacks this byte symbol; a CLIP vocabulary starts with the 256 byte symbols, then the same with </w>.");
                }
            }
        }
    }
}
