using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading.Tasks;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;

namespace AsyncAnalyzers.CodeFixes.Cascade
{
    // Which methods convert together: the group of a method (overrides, interface implementations, partial parts), its declarations in source and every reference to it.
    internal sealed partial class AsyncCascade
    {
        /// <summary>The member and every member bound to its signature: overridden/overriding members, interface members and implementations.</summary>
        private async Task<List<IMethodSymbol>?> GroupAsync(IMethodSymbol method)
        {
            var members = new List<IMethodSymbol>();
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var work = new Stack<IMethodSymbol>();
            work.Push(method);
            while (work.Count > 0)
            {
                var member = Normalize(work.Pop());
                if (!seen.Add(member))
                {
                    continue;
                }

                if (members.Count >= MaxGroupSize || !IsInSource(member))
                {
                    return null;
                }

                members.Add(member);
                if (member.MethodKind == MethodKind.LocalFunction)
                {
                    continue;
                }

                if (member.OverriddenMethod is { } overridden)
                {
                    if (!SymbolEqualityComparer.Default.Equals(member.ReturnType, overridden.ReturnType))
                    {
                        return null; // a covariant return override: Task<Derived> would not override Task<Base>
                    }

                    work.Push(overridden);
                }

                foreach (var implemented in await SymbolFinder.FindImplementedInterfaceMembersAsync(member, _solution, cancellationToken: _cancellationToken).ConfigureAwait(false))
                {
                    if (implemented is IMethodSymbol implementedMethod)
                    {
                        work.Push(implementedMethod);
                    }
                    else
                    {
                        return null;
                    }
                }

                if (member.IsVirtual || member.IsAbstract || member.IsOverride)
                {
                    foreach (var overriding in await SymbolFinder.FindOverridesAsync(member, _solution, cancellationToken: _cancellationToken).ConfigureAwait(false))
                    {
                        if (overriding is IMethodSymbol overridingMethod)
                        {
                            work.Push(overridingMethod);
                        }
                    }
                }

                if (member.ContainingType?.TypeKind == TypeKind.Interface)
                {
                    foreach (var implementation in await SymbolFinder.FindImplementationsAsync(member, _solution, cancellationToken: _cancellationToken).ConfigureAwait(false))
                    {
                        if (implementation is IMethodSymbol implementationMethod)
                        {
                            work.Push(implementationMethod);
                        }
                        else
                        {
                            return null;
                        }
                    }
                }
            }

            return members;
        }

        /// <summary>The declarations of a group member, or false when the member is a boundary (see rules/ASYNC104.md).</summary>
        private async Task<bool> CollectDeclarationsAsync(IMethodSymbol member, int depth, List<(IMethodSymbol, SyntaxNode, Document)> declarations)
        {
            var firstDeclaration = member.DeclaringSyntaxReferences.Length > 0 ? member.DeclaringSyntaxReferences[0].SyntaxTree : null;
            var owner = firstDeclaration is null ? null : _solution.GetDocument(firstDeclaration);
            if (owner is null || !HasConvertibleSignature(member, KnownSymbols.Get((await ModelAsync(owner, firstDeclaration!).ConfigureAwait(false)).Compilation)))
            {
                return false;
            }

            var parts = new List<IMethodSymbol> { member };
            if (member.PartialImplementationPart is { } implementation)
            {
                parts.Add(implementation);
            }
            else if (member.IsPartialDefinition)
            {
                return false; // a partial method without an implementation must stay void
            }

            foreach (var part in parts)
            {
                foreach (var reference in part.DeclaringSyntaxReferences)
                {
                    var declaration = await reference.GetSyntaxAsync(_cancellationToken).ConfigureAwait(false);
                    if (declaration is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                        || _solution.GetDocument(declaration.SyntaxTree) is not { } document
                        || IsGenerated(document, declaration.SyntaxTree))
                    {
                        return false;
                    }

                    var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(declaration.SyntaxTree);
                    if (depth > ReadDepth(options))
                    {
                        return false;
                    }

                    var compilation = await document.Project.GetCompilationAsync(_cancellationToken).ConfigureAwait(false);
                    if (PublicApi.IsPublicApi(member, compilation!) && !Options.GetBool(options, RuleOptions.CascadePublicApi, false))
                    {
                        return false;
                    }

                    if (IsPartial(declaration) && !HasAccessibility(declaration)
                        && ((CSharpParseOptions)declaration.SyntaxTree.Options).LanguageVersion < LanguageVersion.CSharp9)
                    {
                        return false;
                    }

                    var model = await ModelAsync(document, declaration.SyntaxTree).ConfigureAwait(false);
                    if (!HasConvertibleBody(model, declaration))
                    {
                        return false;
                    }

                    declarations.Add((member, declaration, document));
                }
            }

            return true;
        }

        /// <summary>Collects the member's references; false when one of them pins its signature (method group, expression tree, generated code, …).</summary>
        private async Task<bool> CollectReferencesAsync(IMethodSymbol member, List<ReferenceLocation> references)
        {
            var found = member.MethodKind == MethodKind.LocalFunction
                ? await LocalFunctionReferencesAsync(member).ConfigureAwait(false)
                : await FindReferencesAsync(member).ConfigureAwait(false);
            if (found is null)
            {
                return false;
            }

            foreach (var reference in found)
            {
                if (reference.IsImplicit || reference.Document is null || IsGenerated(reference.Document, reference.Location.SourceTree!))
                {
                    return false;
                }

                var root = await reference.Location.SourceTree!.GetRootAsync(_cancellationToken).ConfigureAwait(false);
                var name = root.FindNode(reference.Location.SourceSpan, findInsideTrivia: true, getInnermostNodeForTie: true);
                if (name.IsPartOfStructuredTrivia() || IsNameofArgument(name))
                {
                    references.Add(reference); // documentation and nameof (a method group, so a candidate location): only renamed
                    continue;
                }

                if (reference.IsCandidateLocation)
                {
                    return false;
                }

                if (Invocation(name) is not { } invocation)
                {
                    return false; // a method group: converting the method would break the delegate conversion
                }

                var model = await ModelAsync(reference.Document, invocation.SyntaxTree).ConfigureAwait(false);
                if (model.GetOperation(invocation, _cancellationToken) is not { } operation
                    || OperationTree.IsInExpressionTreeOrNameof(operation, KnownSymbols.Get(model.Compilation)))
                {
                    return false;
                }

                references.Add(reference);
            }

            return true;
        }

        private async Task<List<ReferenceLocation>?> FindReferencesAsync(IMethodSymbol member)
        {
            var result = new List<ReferenceLocation>();
            foreach (var referenced in await SymbolFinder.FindReferencesAsync(member, _solution, _cancellationToken).ConfigureAwait(false))
            {
                if (referenced.Definition is not IMethodSymbol definition
                    || !SymbolEqualityComparer.Default.Equals(Normalize(definition), member))
                {
                    continue; // cascaded symbols (overrides, implementations) are group members with their own search
                }

                result.AddRange(referenced.Locations);
            }

            return result;
        }

        /// <summary>Local functions are only visible in their containing member: their references are found there.</summary>
        private async Task<List<ReferenceLocation>?> LocalFunctionReferencesAsync(IMethodSymbol local)
        {
            if (local.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var declaration = await local.DeclaringSyntaxReferences[0].GetSyntaxAsync(_cancellationToken).ConfigureAwait(false);
            var document = _solution.GetDocument(declaration.SyntaxTree);
            var container = declaration.Parent?.FirstAncestorOrSelf<SyntaxNode>(n => n is MemberDeclarationSyntax or CompilationUnitSyntax);
            if (document is null || container is null)
            {
                return null;
            }

            var references = await SymbolFinder.FindReferencesAsync(local, _solution, ImmutableHashSet.Create(document), _cancellationToken).ConfigureAwait(false);
            var result = new List<ReferenceLocation>();
            foreach (var referenced in references)
            {
                result.AddRange(referenced.Locations);
            }

            return result;
        }

        private static IMethodSymbol Normalize(IMethodSymbol method)
        {
            method = method.PartialDefinitionPart ?? method;
            return method.OriginalDefinition;
        }

        private bool IsInSource(IMethodSymbol member)
        {
            if (member.DeclaringSyntaxReferences.Length == 0)
            {
                return false;
            }

            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                if (_solution.GetDocument(reference.SyntaxTree) is null)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Generated code, as the analyzers see it: the file-name conventions, an auto-generated header, or <c>generated_code = true</c>.</summary>
        private static bool IsGenerated(Document document, SyntaxTree tree)
        {
            if (document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue("generated_code", out var configured)
                && bool.TryParse(configured, out var generated))
            {
                return generated;
            }

            var path = tree.FilePath ?? string.Empty;
            if (path.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".generated.cs", StringComparison.OrdinalIgnoreCase)
                || path.EndsWith(".designer.cs", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".g.i.cs", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (tree.TryGetRoot(out var root))
            {
                foreach (var trivia in root.GetLeadingTrivia())
                {
                    if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                    {
                        if (trivia.ToString().IndexOf("<auto-generated", StringComparison.OrdinalIgnoreCase) >= 0)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsPartial(SyntaxNode declaration)
            => declaration is MethodDeclarationSyntax method && method.Modifiers.Any(SyntaxKind.PartialKeyword);

        private static bool HasAccessibility(SyntaxNode declaration)
            => declaration is MethodDeclarationSyntax method
               && (method.Modifiers.Any(SyntaxKind.PublicKeyword) || method.Modifiers.Any(SyntaxKind.PrivateKeyword)
                   || method.Modifiers.Any(SyntaxKind.ProtectedKeyword) || method.Modifiers.Any(SyntaxKind.InternalKeyword));
    }
}
