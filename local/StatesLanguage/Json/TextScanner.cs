namespace StatesLanguage.Json;

/// <summary>The cursor the JSONPath and intrinsic-function parsers share.</summary>
internal abstract class TextScanner(string text)
{
    protected string Text => text;

    protected int Pos { get; set; }

    protected char Peek() => Pos < text.Length ? text[Pos] : '\0';

    protected void SkipSpaces()
    {
        while (Peek() == ' ')
        {
            Pos++;
        }
    }

    protected void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error($"expected '{c}'");
        }

        Pos++;
    }

    protected abstract FormatException Error(string what);
}
