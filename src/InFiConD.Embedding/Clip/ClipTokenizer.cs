using InFiConD.Core;
using Microsoft.ML.Tokenizers;

namespace InFiConD.Embedding;

/// <summary>
/// CLIP's tokenizer: byte-level BPE over CLIP's vocabulary (Hugging Face layout: <c>vocab.json</c> +
/// <c>merges.txt</c>), producing <c>input_ids</c> and <c>attention_mask</c> of 77 tokens with the start
/// (49406) and end (49407) tokens, padded and truncated. It reproduces the token ids of OpenAI's reference
/// tokenizer: text cleaned and lower-cased, split by CLIP's pre-tokeniser, each piece's UTF-8 bytes
/// mapped to BPE symbols (GPT-2's bytes-to-unicode table) and merged with the <c>&lt;/w&gt;</c> end-of-word suffix.
/// </summary>
/// <remarks>
/// Built on Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/> (byte-level mode, <c>&lt;/w&gt;</c> suffix),
/// which merges exactly as CLIP's <c>bpe()</c> does; the clean-up (<see cref="CleanText"/>) and the
/// pre-tokeniser are this library's. Immutable; safe to use from several threads.
/// </remarks>
public sealed class ClipTokenizer
{
    /// <summary>CLIP's start-of-text token.</summary>
    public const string StartToken = "<|startoftext|>";

    /// <summary>CLIP's end-of-text token.</summary>
    public const string EndToken = "<|endoftext|>";

    /// <summary>The vocabulary's file name in a Hugging Face export.</summary>
    public const string VocabularyFileName = "vocab.json";

    /// <summary>The merges' file name in a Hugging Face export.</summary>
    public const string MergesFileName = "merges.txt";

    internal const string EndOfWordSuffix = "</w>";

    private readonly BpeTokenizer _bpe;

    private ClipTokenizer(BpeTokenizer bpe, ClipVocabularyFiles files, ClipTokenizerOptions options)
    {
        _bpe = bpe;
        Options = options;
        VocabularyPath = files.VocabularyPath;
        MergesPath = files.MergesPath;
        VocabularySize = files.Vocabulary.Count;
        StartTokenId = files.Vocabulary[StartToken];
        EndTokenId = files.Vocabulary[EndToken];
        PadTokenId = options.PadTokenId ?? EndTokenId;
        Key = $"clip-bpe:{files.Hash}:ctx={options.ContextLength}:pad={PadTokenId}:truncate={(options.Truncate ? 1 : 0)}";
    }

    /// <summary>The sequence layout.</summary>
    public ClipTokenizerOptions Options { get; }

    /// <summary>The vocabulary file read.</summary>
    public string VocabularyPath { get; }

    /// <summary>The merges file read.</summary>
    public string MergesPath { get; }

    /// <summary>Number of tokens in the vocabulary (49,408 for CLIP).</summary>
    public int VocabularySize { get; }

    /// <summary>The id of <see cref="StartToken"/> (49406 for CLIP).</summary>
    public int StartTokenId { get; }

    /// <summary>The id of <see cref="EndToken"/> (49407 for CLIP).</summary>
    public int EndTokenId { get; }

    /// <summary>The id written on padding positions.</summary>
    public int PadTokenId { get; }

    /// <summary>Tokens per sequence (77 by default).</summary>
    public int ContextLength => Options.ContextLength;

    /// <summary>A stable text naming the vocabulary (SHA-256 of both files) and the layout, for model ids and caches.</summary>
    public string Key { get; }

    /// <summary>
    /// Loads a tokenizer from a folder holding <c>vocab.json</c> and <c>merges.txt</c>, or from the two
    /// files named separately.
    /// </summary>
    /// <param name="directoryOrVocabularyPath">A folder holding both files, or the vocabulary file.</param>
    /// <param name="mergesPath">The merges file; <see langword="null"/> when the first argument is a folder.</param>
    /// <param name="options">The sequence layout; <see langword="null"/> for 77 tokens padded with the end token.</param>
    /// <returns>The tokenizer.</returns>
    /// <exception cref="ArgumentException">A path is empty, or a file is named without its partner.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidFileException">A file is malformed, a merge names a token the vocabulary lacks, or the
    /// vocabulary lacks a byte symbol or a start/end token; the message names the file, line or token.</exception>
    public static ClipTokenizer Load(string directoryOrVocabularyPath, string? mergesPath = null, ClipTokenizerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directoryOrVocabularyPath);
        options = (options ?? ClipTokenizerOptions.Default).Validate();
        string vocabularyPath;
        if (Directory.Exists(directoryOrVocabularyPath))
        {
            if (mergesPath is not null)
            {
                throw new ArgumentException($"'{directoryOrVocabularyPath}' is a folder; name the vocabulary file when naming the merges file.", nameof(mergesPath));
            }
            vocabularyPath = Path.Combine(directoryOrVocabularyPath, VocabularyFileName);
            mergesPath = Path.Combine(directoryOrVocabularyPath, MergesFileName);
        }
        else
        {
            vocabularyPath = directoryOrVocabularyPath;
            if (mergesPath is null)
            {
                throw new ArgumentException($"'{directoryOrVocabularyPath}' is not a folder: name the merges file too, or give the folder holding {VocabularyFileName} and {MergesFileName}.", nameof(mergesPath));
            }
        }
        var files = ClipVocabularyFiles.Read(vocabularyPath, mergesPath);
        var special = new Dictionary<string, int>
        {
            [StartToken] = files.Vocabulary[StartToken],
            [EndToken] = files.Vocabulary[EndToken],
        };
        var bpe = BpeTokenizer.Create(new BpeOptions(files.Vocabulary)
        {
            Merges = files.Merges,
            // ByteLevel maps each pre-token's UTF-8 bytes through GPT-2's bytes-to-unicode table, as CLIP's
            // byte_encoder; the suffix goes on a word's last symbol before merging, as CLIP's bpe().
            ByteLevel = true,
            EndOfWordSuffix = EndOfWordSuffix,
            PreTokenizer = ClipPreTokenizer.Instance,
            SpecialTokens = special,
        });
        return new ClipTokenizer(bpe, files, options);
    }

    /// <summary>
    /// The text as CLIP's tokenizer sees it before splitting: HTML entities decoded, ftfy's common fixes
    /// (curly quotes, ligatures, full-width forms, control characters, NFC), white space collapsed and
    /// stripped, lower-cased as Python does. ftfy's mojibake repair is not reproduced.
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <returns>The cleaned text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static string CleanText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ClipTextCleaner.Clean(text);
    }

    /// <summary>The BPE ids of a text, without start and end tokens and without truncation.</summary>
    /// <param name="text">Any text; it is cleaned first (<see cref="CleanText"/>).</param>
    /// <returns>The ids. A literal <c>&lt;|endoftext|&gt;</c> in the text maps to the end token's id, as in the reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<int> EncodeToIds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _bpe.EncodeToIds(ClipTextCleaner.Clean(text), considerPreTokenization: true, considerNormalization: false);
    }

    /// <summary>Tokenises one text: start token, BPE ids, end token, padding to <see cref="ContextLength"/>.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>Input ids and attention mask of <see cref="ContextLength"/> values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The text is too long and <see cref="ClipTokenizerOptions.Truncate"/> is off.</exception>
    public ClipTokens Encode(string text)
    {
        var ids = new long[ContextLength];
        var mask = new long[ContextLength];
        Write(text, 0, ids, mask);
        return new ClipTokens(ids, mask);
    }

    /// <summary>Tokenises texts into one M × <see cref="ContextLength"/> batch, row i for text i.</summary>
    /// <param name="texts">The texts.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> or one of its texts is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A text is too long and <see cref="ClipTokenizerOptions.Truncate"/> is off.</exception>
    public ClipTokenBatch EncodeBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var ids = new long[(long)texts.Count * ContextLength];
        var mask = new long[ids.Length];
        for (var i = 0; i < texts.Count; i++)
        {
            Write(texts[i], i, ids, mask);
        }
        return new ClipTokenBatch(texts.Count, ContextLength, ids, mask);
    }

    private void Write(string text, int row, long[] ids, long[] mask)
    {
        ArgumentNullException.ThrowIfNull(text, row == 0 ? nameof(text) : $"texts[{row}]");
        var room = ContextLength - 2;
        // Encoded whole: a token budget would stop at a word boundary, while the reference cuts mid-word.
        var body = _bpe.EncodeToIds(ClipTextCleaner.Clean(text), considerPreTokenization: true, considerNormalization: false);
        if (body.Count > room && !Options.Truncate)
        {
            throw new ArgumentException($"Text {row} has {body.Count} tokens; at most {room} fit between the start and end tokens of a {ContextLength}-token context (set Truncate to cut it).", nameof(text));
        }
        var span = ids.AsSpan(row * ContextLength, ContextLength);
        var maskSpan = mask.AsSpan(row * ContextLength, ContextLength);
        span.Fill(PadTokenId);
        var length = Math.Min(body.Count, room);
        span[0] = StartTokenId;
        for (var t = 0; t < length; t++)
        {
            span[t + 1] = body[t];
        }
        span[length + 1] = EndTokenId; // kept last even when the text was cut, as the reference does
        maskSpan[..(length + 2)].Fill(1);
    }
}
