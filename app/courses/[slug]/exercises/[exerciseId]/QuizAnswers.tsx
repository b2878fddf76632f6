import type { AnsweredQuestion } from "@/lib/exercises/quiz/attempt-details";

/** A quiz attempt's answers as the student saw them: the chosen options' text, or the number typed. */
export function QuizAnswers({ answers }: { answers: AnsweredQuestion[] }) {
  return (
    <ol className="quiz-answers">
      {answers.map((answer) => (
        <li key={answer.questionId} value={answer.number}>
          {answer.choicesHtml ? (
            answer.choicesHtml.length === 0 ? (
              <span className="muted">no answer</span>
            ) : (
              answer.choicesHtml.map((html, i) => (
                <span key={i}>
                  {i > 0 ? "; " : null}
                  <span dangerouslySetInnerHTML={{ __html: html }} />
                </span>
              ))
            )
          ) : answer.text ? (
            <code>{answer.text}</code>
          ) : (
            <span className="muted">no answer</span>
          )}
        </li>
      ))}
    </ol>
  );
}
