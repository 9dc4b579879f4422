/**
 * The default English stop-word list for word frequency queries (the
 * project's own list starts as a copy and is editable). Lower case, no
 * accents, apostrophes as typed in English ("don't" is tokenised as "don"
 * and "t", so both halves are listed).
 */
export const ENGLISH_STOP_WORDS: readonly string[] = [
  'a', 'about', 'above', 'after', 'again', 'against', 'all', 'also', 'am', 'an', 'and', 'any', 'are', 'aren', 'as', 'at',
  'be', 'because', 'been', 'before', 'being', 'below', 'between', 'both', 'but', 'by',
  'can', 'cannot', 'could', 'couldn',
  'd', 'did', 'didn', 'do', 'does', 'doesn', 'doing', 'don', 'down', 'during',
  'each', 'even', 'ever', 'every',
  'few', 'for', 'from', 'further',
  'get', 'got', 'had', 'hadn', 'has', 'hasn', 'have', 'haven', 'having', 'he', 'her', 'here', 'hers', 'herself', 'him',
  'himself', 'his', 'how',
  'i', 'if', 'in', 'into', 'is', 'isn', 'it', 'its', 'itself',
  'just', 'll', 'm', 'me', 'might', 'more', 'most', 'much', 'must', 'mustn', 'my', 'myself',
  'no', 'nor', 'not', 'now',
  'of', 'off', 'on', 'once', 'one', 'only', 'or', 'other', 'ought', 'our', 'ours', 'ourselves', 'out', 'over', 'own',
  're', 's', 'same', 'shall', 'shan', 'she', 'should', 'shouldn', 'so', 'some', 'such',
  't', 'than', 'that', 'the', 'their', 'theirs', 'them', 'themselves', 'then', 'there', 'these', 'they', 'this', 'those',
  'through', 'to', 'too',
  'under', 'until', 'up', 'us',
  've', 'very',
  'was', 'wasn', 'we', 'were', 'weren', 'what', 'when', 'where', 'which', 'while', 'who', 'whom', 'why', 'will', 'with',
  'won', 'would', 'wouldn',
  'yes', 'yet', 'you', 'your', 'yours', 'yourself', 'yourselves',
];
