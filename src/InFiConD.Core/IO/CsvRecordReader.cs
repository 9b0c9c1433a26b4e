using System.Text;

namespace InFiConD.Core;

/// <summary>
/// Splits RFC 4180 CSV text into records: fields separated by commas, records by LF or CRLF; a quoted
/// field may hold commas, newlines and doubled quotes. One linear pass over the text. Shared by every CSV
/// reader in the library (concept lists, teacher outputs, manifests) so they all follow the same quoting rules.
/// </summary>
/// <param name="text">The whole CSV text.</param>
/// <param name="source">The file name reported in errors.</param>
public sealed class CsvRecordReader(string text, string source)
{
    private int _position;
    private int _line = 1;

    /// <summary>Reads the next record; <see langword="false"/> at the end of the text.</summary>
    /// <param name="fields">The record's fields.</param>
    /// <param name="line">The 1-based line the record starts on.</param>
    /// <param name="blank">Whether the record is an empty line (one empty, unquoted field).</param>
    /// <exception cref="InvalidFileException">A quoted field is not closed, or text follows a closing quote.</exception>
    public bool TryRead(out List<string> fields, out int line, out bool blank)
    {
        fields = [];
        line = _line;
        blank = false;
        if (_position >= text.Length)
        {
            return false;
        }
        var field = new StringBuilder();
        var anyQuoted = false;
        while (true)
        {
            var quoted = _position < text.Length && text[_position] == '"';
            anyQuoted |= quoted;
            if (quoted)
            {
                ReadQuoted(field);
            }
            else
            {
                ReadUnquoted(field);
            }
            fields.Add(field.ToString());
            field.Clear();
            if (_position < text.Length && text[_position] == ',')
            {
                _position++;
                continue;
            }
            // End of record: a line break or the end of the text.
            SkipLineBreak();
            blank = fields.Count == 1 && fields[0].Length == 0 && !anyQuoted;
            return true;
        }
    }

    private void ReadUnquoted(StringBuilder field)
    {
        var start = _position;
        while (_position < text.Length && text[_position] is not (',' or '\n') && !AtCrLf())
        {
            _position++;
        }
        field.Append(text, start, _position - start);
    }

    private void ReadQuoted(StringBuilder field)
    {
        var openLine = _line;
        _position++; // opening quote
        while (true)
        {
            var close = text.IndexOf('"', _position);
            if (close < 0)
            {
                throw new InvalidFileException(source, null, openLine,
                    "a quoted field opened on this line is never closed; close it with '\"' (write a literal quote as '\"\"').");
            }
            _line += text.AsSpan(_position, close - _position).Count('\n');
            field.Append(text, _position, close - _position);
            _position = close + 1;
            if (_position < text.Length && text[_position] == '"')
            {
                field.Append('"');
                _position++;
                continue;
            }
            break;
        }
        if (_position < text.Length && text[_position] is not (',' or '\n') && !AtCrLf())
        {
            throw new InvalidFileException(source, null, _line,
                $"unexpected '{text[_position]}' after a closing quote; expected ',' or the end of the line.");
        }
    }

    private bool AtCrLf() =>
        text[_position] == '\r' && _position + 1 < text.Length && text[_position + 1] == '\n';

    private void SkipLineBreak()
    {
        if (_position < text.Length && AtCrLf())
        {
            _position++;
        }
        if (_position < text.Length && text[_position] == '\n')
        {
            _position++;
            _line++;
        }
    }
}
