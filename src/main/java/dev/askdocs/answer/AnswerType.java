package dev.askdocs.answer;

/** What kind of answer a question expects, judged from its wording. */
enum AnswerType {
  /** how many, how much, what percentage... */
  NUMBER,
  /** when, what year... */
  DATE,
  /** who, whose... */
  PERSON,
  /** where, which country... */
  PLACE,
  OTHER
}
