using System.Globalization;
using System.Text;

namespace LocalCloud.Templates;

/// <summary>
/// The part of TOML that samconfig.toml uses: <c>[a.b.c]</c> tables, <c>key = value</c> with basic and literal strings,
/// integers, floats, booleans and (multi-line) arrays, and comments. Anything else is a clear error with its line.
/// </summary>
internal static class TomlSubset
{
    public static Dictionary<string, Dictionary<string, object>> Parse(string text)
    {
        var tables = new Dictionary<string, Dictionary<string, object>>(StringComparer.Ordinal) { [string.Empty] = [] };
        var current = tables[string.Empty];
        var reader = new Cursor(text);
        while (reader.SkipBlankLines())
        {
            if (reader.Peek == '[')
            {
                reader.Next();
                if (reader.Peek == '[')
                {
                    throw reader.Error("arrays of tables ([[…]]) are not supported in samconfig.toml");
                }

                var name = reader.ReadUntil(']').Trim();
                reader.Next();
                current = tables.TryGetValue(name, out var existing) ? existing : tables[name] = [];
                reader.EndOfLine();
                continue;
            }

            var key = reader.ReadKey();
            reader.SkipSpaces();
            if (reader.Peek != '=')
            {
                throw reader.Error($"expected '=' after key '{key}'");
            }

            reader.Next();
            reader.SkipSpaces();
            current[key] = reader.ReadValue();
            reader.EndOfLine();
        }

        return tables;
    }

    private sealed class Cursor(string text)
    {
        private int _position;

        public char Peek => _position < text.Length ? text[_position] : '\0';

        private int Line => text.AsSpan(0, Math.Min(_position, text.Length)).Count('\n') + 1;

        public void Next() => _position++;

        public TemplateException Error(string message) => new($"samconfig.toml line {Line}", message);

        public bool SkipBlankLines()
        {
            while (_position < text.Length)
            {
                SkipSpaces();
                if (Peek == '#')
                {
                    SkipComment();
                }

                if (Peek is '\n' or '\r')
                {
                    Next();
                    continue;
                }

                return _position < text.Length;
            }

            return false;
        }

        public void SkipSpaces()
        {
            while (Peek is ' ' or '\t')
            {
                Next();
            }
        }

        private void SkipComment()
        {
            while (_position < text.Length && Peek != '\n')
            {
                Next();
            }
        }

        public void EndOfLine()
        {
            SkipSpaces();
            if (Peek == '#')
            {
                SkipComment();
            }

            if (_position < text.Length && Peek is not ('\n' or '\r'))
            {
                throw Error($"unexpected '{Peek}' at the end of a line");
            }
        }

        public string ReadUntil(char end)
        {
            var start = _position;
            while (_position < text.Length && Peek != end && Peek != '\n')
            {
                Next();
            }

            if (Peek != end)
            {
                throw Error($"expected '{end}'");
            }

            return text[start.._position];
        }

        public string ReadKey()
        {
            if (Peek is '"' or '\'')
            {
                return (string)ReadValue();
            }

            var start = _position;
            while (char.IsAsciiLetterOrDigit(Peek) || Peek is '_' or '-')
            {
                Next();
            }

            if (Peek == '.')
            {
                throw Error("dotted keys are not supported in samconfig.toml; use a [table]");
            }

            return start == _position ? throw Error($"unexpected '{Peek}'") : text[start.._position];
        }

        public object ReadValue()
        {
            switch (Peek)
            {
                case '"' when text.AsSpan(_position).StartsWith("\"\"\""):
                case '\'' when text.AsSpan(_position).StartsWith("'''"):
                    throw Error("multi-line strings are not supported in samconfig.toml");
                case '"':
                    return ReadBasicString();
                case '\'':
                    Next();
                    var literal = ReadUntil('\'');
                    Next();
                    return literal;
                case '[':
                    return ReadArray();
            }

            var start = _position;
            while (_position < text.Length && Peek is not (',' or ']' or '#' or '\n' or '\r' or ' ' or '\t'))
            {
                Next();
            }

            var token = text[start.._position].Replace("_", "", StringComparison.Ordinal);
            if (token is "true" or "false")
            {
                return token == "true";
            }

            if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return integer;
            }

            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            throw Error($"unsupported value '{text[start.._position]}'");
        }

        private string ReadBasicString()
        {
            Next();
            var value = new StringBuilder();
            while (Peek != '"')
            {
                if (_position >= text.Length || Peek == '\n')
                {
                    throw Error("unterminated string");
                }

                if (Peek == '\\')
                {
                    Next();
                    value.Append(Peek switch
                    {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '"' => '"',
                        '\\' => '\\',
                        _ => throw Error($"unsupported escape '\\{Peek}'"),
                    });
                }
                else
                {
                    value.Append(Peek);
                }

                Next();
            }

            Next();
            return value.ToString();
        }

        private List<object> ReadArray()
        {
            Next();
            var items = new List<object>();
            while (true)
            {
                SkipBlankLines();
                if (Peek == ']')
                {
                    Next();
                    return items;
                }

                items.Add(ReadValue());
                SkipBlankLines();
                if (Peek == ',')
                {
                    Next();
                }
                else if (Peek != ']')
                {
                    throw Error("expected ',' or ']' in an array");
                }
            }
        }
    }
}
