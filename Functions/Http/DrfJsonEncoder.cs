using System.Text.Encodings.Web;

namespace Connectors.Api.Http;

/// <summary>
/// Escapes text exactly as DRF's JSONRenderer does (Python's json.dumps with ensure_ascii=False, then U+2028 and
/// U+2029 escaped): '"' and '\' and the C0 controls only, with Python's short forms and lowercase \u00xx;
/// everything else, emoji and non-breaking spaces included, is written as raw UTF-8.
/// </summary>
public sealed class DrfJsonEncoder : JavaScriptEncoder
{
    public static DrfJsonEncoder Instance { get; } = new();

    private DrfJsonEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is < 0x20 or '"' or '\\' or 0x2028 or 0x2029;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            if (WillEncode(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ when WillEncode(unicodeScalar) => $"\\u{unicodeScalar:x4}",
            _ => char.ConvertFromUtf32(unicodeScalar),
        };
        if (escape.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        escape.AsSpan().CopyTo(new Span<char>(buffer, bufferLength));
        numberOfCharactersWritten = escape.Length;
        return true;
    }
}
