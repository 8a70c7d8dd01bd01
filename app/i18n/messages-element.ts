/** The id of the page's `<script type="application/json">` that carries its language's messages. */
export const MESSAGES_ELEMENT_ID = 'i18n-messages'
