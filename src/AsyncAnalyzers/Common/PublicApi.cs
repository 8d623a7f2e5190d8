using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Common
{
    /// <summary>
    /// Whether changing a method's signature is a breaking change for code outside the solution: a member of a library
    /// visible outside its assembly. Fixes that change signatures (the cascade, ASYNC203's) leave such members alone unless
    /// <c>cascade_public_api = true</c>.
    /// </summary>
    internal static class PublicApi
    {
        public static bool IsPublicApi(IMethodSymbol member, Compilation compilation)
        {
            if (member.MethodKind == MethodKind.LocalFunction
                || compilation.Options.OutputKind is not (OutputKind.DynamicallyLinkedLibrary or OutputKind.NetModule))
            {
                return false;
            }

            for (ISymbol? symbol = member; symbol != null && symbol is not INamespaceSymbol; symbol = symbol.ContainingSymbol)
            {
                if (symbol.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                {
                    return false; // explicit interface implementations are private: their interface member decides
                }
            }

            return true;
        }
    }
}
