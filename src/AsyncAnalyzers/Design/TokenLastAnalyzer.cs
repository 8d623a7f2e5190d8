using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Design
{
    /// <summary>
    /// ASYNC606: a method or local function with a CancellationToken parameter followed by a parameter it could go after —
    /// trailing <c>params</c>, <c>out</c> and <c>ref</c> parameters and other tokens do not count, and a required token may stay
    /// before optional parameters (it cannot follow them), as CA1068 reads it. Exempt: overrides, interface implementations,
    /// extern methods, and a token that is an extension method's <c>this</c>. Reported on the token parameter.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TokenLastAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the index the token moves to.</summary>
        public const string NewIndexProperty = "NewIndex";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.TokenLast);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                start.RegisterSymbolAction(c =>
                {
                    if (c.Symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.Constructor, Parameters.Length: > 1 } method
                        && Analyze(method, known) is { } diagnostic)
                    {
                        c.ReportDiagnostic(diagnostic);
                    }
                }, SymbolKind.Method);
                start.RegisterSyntaxNodeAction(c =>
                {
                    if (((LocalFunctionStatementSyntax)c.Node).ParameterList.Parameters.Count > 1
                        && c.SemanticModel.GetDeclaredSymbol(c.Node, c.CancellationToken) is IMethodSymbol local
                        && Analyze(local, known) is { } diagnostic)
                    {
                        c.ReportDiagnostic(diagnostic);
                    }
                }, SyntaxKind.LocalFunctionStatement);
            });
        }

        // Returns the diagnostic rather than taking the context's ReportDiagnostic: a delegate to a method of the context
        // (a struct) boxes the context, once per method with two parameters or more, where almost none has a token.
        private static Diagnostic? Analyze(IMethodSymbol method, KnownSymbols known)
        {
            if (known.CancellationToken is null || method.IsOverride || method.IsExtern || method.IsImplicitlyDeclared
                || !method.ExplicitInterfaceImplementations.IsEmpty)
            {
                return null;
            }

            var parameters = method.Parameters;
            for (var i = 0; i < parameters.Length; i++)
            {
                if (!KnownSymbols.Is(parameters[i].Type, known.CancellationToken) || (i == 0 && method.IsExtensionMethod)
                    || NewIndex(parameters, i, known) is not { } newIndex
                    || parameters[i].Locations.Length == 0 || !parameters[i].Locations[0].IsInSource)
                {
                    continue;
                }

                if (InterfaceImplementations.ImplementsInterfaceMember(method))
                {
                    return null;
                }

                return Diagnostic.Create(
                    Descriptors.TokenLast,
                    parameters[i].Locations[0],
                    ImmutableDictionary<string, string?>.Empty.Add(NewIndexProperty, newIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name,
                    parameters[i].Name,
                    parameters[newIndex].Name);
            }

            return null;
        }

        /// <summary>
        /// Where the token at <paramref name="index"/> belongs: after the last following parameter it can precede-swap with
        /// (not a token, not params/out/ref; an optional one only when the token is optional too). Null when none.
        /// </summary>
        internal static int? NewIndex(ImmutableArray<IParameterSymbol> parameters, int index, KnownSymbols known)
        {
            var token = parameters[index];
            if (token.RefKind != RefKind.None)
            {
                return null;
            }

            int? target = null;
            for (var j = index + 1; j < parameters.Length; j++)
            {
                var next = parameters[j];
                if (next.IsParams || next.RefKind is RefKind.Out or RefKind.Ref || KnownSymbols.Is(next.Type, known.CancellationToken))
                {
                    continue;
                }

                if (token.IsOptional || !next.IsOptional)
                {
                    target = j;
                }
            }

            return target;
        }

    }
}
