using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Common
{
    /// <summary>Adds using directives at the top of a file, in order among the existing ones, System first.</summary>
    internal static class UsingDirectives
    {
        public static SyntaxNode Add(SyntaxNode root, IEnumerable<string> namespaces)
        {
            if (root is not CompilationUnitSyntax unit)
            {
                return root;
            }

            var endOfLine = SyntaxFactory.EndOfLine(DetectEndOfLine(unit));
            foreach (var name in namespaces)
            {
                unit = Add(unit, name, endOfLine);
            }

            return unit;
        }

        private static string DetectEndOfLine(SyntaxNode root)
        {
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia.ToString();
                }
            }

            return "\n";
        }

        private static CompilationUnitSyntax Add(CompilationUnitSyntax unit, string name, SyntaxTrivia endOfLine)
        {
            var usings = unit.Usings;
            var index = 0;
            for (; index < usings.Count; index++)
            {
                var existing = usings[index];
                if (existing.Alias != null || existing.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) || existing.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                {
                    if (existing.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                    {
                        continue;
                    }

                    break;
                }

                var existingName = existing.Name?.ToString() ?? string.Empty;
                if (existingName == name)
                {
                    return unit;
                }

                if (Compare(existingName, name) > 0)
                {
                    break;
                }
            }

            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(name))
                .NormalizeWhitespace()
                .WithTrailingTrivia(endOfLine);
            if (usings.Count == 0)
            {
                // First using of the file: keep the file's leading trivia (comments, #nullable) above it,
                // and separate it from what follows by a blank line.
                var firstToken = unit.GetFirstToken(includeZeroWidth: true);
                var leading = firstToken.LeadingTrivia;
                var newUnit = unit.ReplaceToken(firstToken, firstToken.WithLeadingTrivia(SyntaxFactory.TriviaList()));
                directive = directive
                    .WithLeadingTrivia(leading)
                    .WithTrailingTrivia(endOfLine, endOfLine);
                return newUnit.WithUsings(newUnit.Usings.Add(directive));
            }

            if (index == 0)
            {
                // Becoming the first directive: take over the leading trivia (file header) of the old first one.
                var first = usings[0];
                directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
                usings = usings.Replace(first, first.WithLeadingTrivia(SyntaxFactory.TriviaList()));
            }

            return unit.WithUsings(usings.Insert(index, directive));
        }

        private static int Compare(string a, string b)
        {
            var aSystem = a == "System" || a.StartsWith("System.", StringComparison.Ordinal);
            var bSystem = b == "System" || b.StartsWith("System.", StringComparison.Ordinal);
            if (aSystem != bSystem)
            {
                return aSystem ? -1 : 1;
            }

            return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
        }
    }
}
