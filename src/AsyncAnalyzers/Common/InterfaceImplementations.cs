using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Common
{
    /// <summary>
    /// Whether a method implicitly implements an interface member of its type — a signature and name the interface fixes,
    /// which rules about shape (ASYNC106, 203, 301, 602, 606) leave alone. Only members of the method's own name are asked
    /// about, so the cost is the handful of same-named interface members.
    /// </summary>
    internal static class InterfaceImplementations
    {
        public static bool ImplementsInterfaceMember(IMethodSymbol method)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.ContainingType is not { } type)
            {
                return false;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
