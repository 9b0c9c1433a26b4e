using System.Globalization;
using System.Numerics;

namespace InFiConD.Core;

/// <summary>
/// Parses the Python dict literal of a <c>.npy</c> header: strings in single or double quotes, integers
/// (with an optional Python 2 <c>L</c> suffix), <c>True</c>/<c>False</c>/<c>None</c>, tuples, lists and dicts,
/// any whitespace and trailing commas. Syntax errors are <see cref="InvalidFileException"/>s on field
/// <c>header</c> at the offending byte.
/// </summary>
internal sealed class NpyHeaderParser
{
    private const int MaxDepth = 32;
    private const int MaxDigits = 400;
    private readonly NpyHeaderText _header;
    private readonly string _text;
    private int _pos;

    private NpyHeaderParser(NpyHeaderText header)
    {
        _header = header;
        _text = header.Text;
    }

    /// <summary>Parses the whole header, which must be one dict optionally surrounded by whitespace.</summary>
    public static NpyDictLiteral Parse(NpyHeaderText header)
    {
        var parser = new NpyHeaderParser(header);
        parser.SkipWhitespace();
        if (parser.AtEnd || parser.Current != '{')
        {
            throw parser.Fail(parser._pos, parser.AtEnd
                ? "the header is empty; expected a Python dict such as {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4)}"
                : $"expected the header to be a Python dict starting with '{{', found {parser.DescribeCurrent()}");
        }
        var dict = parser.ParseDict(0);
        parser.SkipWhitespace();
        if (!parser.AtEnd)
        {
            throw parser.Fail(parser._pos, $"unexpected {parser.DescribeCurrent()} after the dict's closing '}}'");
        }
        return dict;
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _text[_pos];

    private NpyLiteral ParseValue(int depth)
    {
        SkipWhitespace();
        if (depth > MaxDepth)
        {
            throw Fail(_pos, $"values are nested more than {MaxDepth} levels deep");
        }
        if (AtEnd)
        {
            throw Fail(_pos, "the header ends where a value was expected");
        }
        return Current switch
        {
            '\'' or '"' => ParseString(),
            '(' => ParseSequence(')', depth),
            '[' => ParseSequence(']', depth),
            '{' => ParseDict(depth),
            '-' or '+' or (>= '0' and <= '9') => ParseInteger(),
            (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' => ParseName(),
            _ => throw Fail(_pos, $"unexpected {DescribeCurrent()} where a value was expected"),
        };
    }

    private NpyStringLiteral ParseString()
    {
        var start = _pos;
        var quote = _text[_pos++];
        var value = new System.Text.StringBuilder();
        while (!AtEnd && Current != '\n')
        {
            var c = _text[_pos++];
            if (c == quote)
            {
                return new NpyStringLiteral(value.ToString(), start, _pos - start);
            }
            if (c == '\\' && !AtEnd)
            {
                var escaped = _text[_pos++];
                value.Append(escaped switch
                {
                    'n' => "\n",
                    't' => "\t",
                    '\\' or '\'' or '"' => escaped.ToString(),
                    _ => string.Concat("\\", escaped.ToString()),
                });
                continue;
            }
            value.Append(c);
        }
        throw Fail(start, $"unterminated string starting with {quote}");
    }

    private NpyIntegerLiteral ParseInteger()
    {
        var start = _pos;
        var negative = Current == '-';
        if (Current is '-' or '+')
        {
            _pos++;
        }
        var digitsStart = _pos;
        while (!AtEnd && char.IsAsciiDigit(Current))
        {
            _pos++;
        }
        var digits = _text.AsSpan(digitsStart, _pos - digitsStart);
        if (digits.IsEmpty)
        {
            throw Fail(_pos, $"expected digits after the sign, found {DescribeCurrent()}");
        }
        if (digits.Length > MaxDigits)
        {
            throw Fail(start, $"an integer with {digits.Length} digits is too long");
        }
        if (!AtEnd && Current is 'L' or 'l')
        {
            _pos++; // Python 2 long suffix, written by NumPy under Python 2.
        }
        if (!AtEnd && (Current is '.' or '_' || char.IsAsciiLetterOrDigit(Current)))
        {
            throw Fail(_pos, $"unexpected {DescribeCurrent()} in a number; only decimal integers are valid here");
        }
        var value = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return new NpyIntegerLiteral(negative ? -value : value, start, _pos - start);
    }

    private NpyConstantLiteral ParseName()
    {
        var start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current == '_'))
        {
            _pos++;
        }
        var name = _text[start.._pos];
        return name switch
        {
            "True" => new NpyConstantLiteral(true, start, _pos - start),
            "False" => new NpyConstantLiteral(false, start, _pos - start),
            "None" => new NpyConstantLiteral(null, start, _pos - start),
            _ => throw Fail(start, $"unknown name '{name}'; only literals (strings, integers, True, False, None, tuples, lists, dicts) are valid"),
        };
    }

    private NpyLiteral ParseSequence(char close, int depth)
    {
        var start = _pos;
        var open = _text[_pos++];
        var items = new List<NpyLiteral>();
        var sawComma = false;
        while (true)
        {
            SkipWhitespace();
            if (AtEnd)
            {
                throw Fail(start, $"'{open}' is never closed");
            }
            if (Current == close)
            {
                _pos++;
                break;
            }
            items.Add(ParseValue(depth + 1));
            SkipWhitespace();
            if (!AtEnd && Current == ',')
            {
                _pos++;
                sawComma = true;
            }
            else if (!AtEnd && Current != close)
            {
                throw Fail(_pos, $"expected ',' or '{close}', found {DescribeCurrent()}");
            }
        }
        // Python: (5) is the integer 5, only (5,) is a one-element tuple.
        return close == ')' && items.Count == 1 && !sawComma
            ? items[0]
            : new NpySequenceLiteral(items, close == ')', start, _pos - start);
    }

    private NpyDictLiteral ParseDict(int depth)
    {
        var start = _pos++;
        var entries = new List<(NpyLiteral, NpyLiteral)>();
        while (true)
        {
            SkipWhitespace();
            if (AtEnd)
            {
                throw Fail(start, "'{' is never closed");
            }
            if (Current == '}')
            {
                _pos++;
                return new NpyDictLiteral(entries, start, _pos - start);
            }
            var key = ParseValue(depth + 1);
            SkipWhitespace();
            if (AtEnd || Current != ':')
            {
                throw Fail(_pos, $"expected ':' after the key {_header.Quote(key)}, found {DescribeCurrent()}");
            }
            _pos++;
            entries.Add((key, ParseValue(depth + 1)));
            SkipWhitespace();
            if (!AtEnd && Current == ',')
            {
                _pos++;
            }
            else if (!AtEnd && Current != '}')
            {
                throw Fail(_pos, $"expected ',' or '}}', found {DescribeCurrent()}");
            }
        }
    }

    private void SkipWhitespace()
    {
        while (!AtEnd && Current is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
        {
            _pos++;
        }
    }

    private string DescribeCurrent()
    {
        if (AtEnd)
        {
            return "the end of the header";
        }
        var c = Current;
        return char.IsControl(c) || char.IsWhiteSpace(c)
            ? $"character U+{(int)c:X4}"
            : $"'{c}'";
    }

    private InvalidFileException Fail(int index, string problem) => _header.Error("header", index, problem);
}
