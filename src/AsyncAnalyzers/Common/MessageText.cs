using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Common
{
    /// <summary>How a symbol is named inside a diagnostic message. Only messages call it: rules compare symbols, not text.</summary>
    internal static class MessageText
    {
        public static string Of(ISymbol symbol)
#pragma warning disable RS0030 // Text for a human reading the message.
            => symbol.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
#pragma warning restore RS0030
    }
}
