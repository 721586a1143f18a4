/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * notify.c: decision messages in es/en/pt.  One table of texts, indexed
 * by kind and language; the body is greeting, what was decided, the
 * joint session when proposals were merged, what to do next, and the
 * link to answer.
 */
#include "core/notify.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/util.h"

struct texts {
	const char *subject; /* "[event] " is prefixed, then this, the title */
	const char *decided;
	const char *next;
};

static const struct texts table[NOTIFY__MAX][LANG__MAX] = {
	[NOTIFY_ACCEPT] = {
	    { "Propuesta aceptada: ",
		"Nos alegra comunicarle que el comité aceptó su propuesta.",
		"Confirme o decline su participación en:" },
	    { "Proposal accepted: ",
		"We are glad to tell you that the committee accepted your "
		"proposal.",
		"Please confirm or decline your participation at:" },
	    { "Proposta aceita: ",
		"Temos o prazer de informar que o comitê aceitou a sua "
		"proposta.",
		"Confirme ou recuse a sua participação em:" },
	},
	[NOTIFY_REJECT] = {
	    { "Propuesta no seleccionada: ",
		"Lamentamos comunicarle que el comité no seleccionó su "
		"propuesta esta vez. Recibimos muchas más propuestas que "
		"espacios en el programa.",
		"Gracias por participar en la convocatoria." },
	    { "Proposal not selected: ",
		"We are sorry to tell you that the committee did not select "
		"your proposal this time. We received many more proposals "
		"than the programme has room for.",
		"Thank you for taking part in the call." },
	    { "Proposta não selecionada: ",
		"Lamentamos informar que o comitê não selecionou a sua "
		"proposta desta vez. Recebemos muito mais propostas do que "
		"espaços no programa.",
		"Obrigado por participar da chamada." },
	},
	[NOTIFY_WAITLIST] = {
	    { "Propuesta en lista de espera: ",
		"Su propuesta está en la lista de espera: si se libera un "
		"espacio en el programa, se la ofreceremos.",
		"Le escribiremos si su propuesta es aceptada." },
	    { "Proposal on the waitlist: ",
		"Your proposal is on the waitlist: if a place in the "
		"programme becomes free, we will offer it to you.",
		"We will write to you if your proposal is accepted." },
	    { "Proposta na lista de espera: ",
		"A sua proposta está na lista de espera: se um espaço no "
		"programa ficar livre, nós o ofereceremos a você.",
		"Escreveremos se a sua proposta for aceita." },
	},
	[NOTIFY_PROMOTED] = {
	    { "Propuesta aceptada desde la lista de espera: ",
		"Se liberó un espacio en el programa y el comité aceptó su "
		"propuesta, que estaba en la lista de espera.",
		"Confirme o decline su participación en:" },
	    { "Proposal accepted from the waitlist: ",
		"A place in the programme became free and the committee "
		"accepted your proposal from the waitlist.",
		"Please confirm or decline your participation at:" },
	    { "Proposta aceita da lista de espera: ",
		"Um espaço no programa ficou livre e o comitê aceitou a sua "
		"proposta, que estava na lista de espera.",
		"Confirme ou recuse a sua participação em:" },
	},
};

static const char *const greeting[LANG__MAX] = { "Hola", "Hello", "Olá" };
static const char *const about[LANG__MAX] = { "Propuesta", "Proposal",
	"Proposta" };
static const char *const joint[LANG__MAX] = {
	"Su propuesta se unió a otras en una sesión conjunta:",
	"Your proposal was merged with others into one joint session:",
	"A sua proposta foi unida a outras em uma sessão conjunta:",
};
static const char *const signature[LANG__MAX] = { "El comité del programa",
	"The programme committee", "O comitê do programa" };

/* s with line breaks and tabs as spaces. */
static void
add_line(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		buf_addc(
		    b, (*s == '\n' || *s == '\r' || *s == '\t') ? ' ' : *s);
}

static bool
has_link(enum notify_kind kind)
{
	return kind == NOTIFY_ACCEPT || kind == NOTIFY_PROMOTED;
}

void
notify_render(enum lang lang, enum notify_kind kind,
    const struct notify_args *a, struct notify_mail *out)
{
	const struct texts *t;
	struct buf b;

	if ((unsigned)lang >= LANG__MAX)
		lang = LANG_EN;
	if ((unsigned)kind >= NOTIFY__MAX)
		kind = NOTIFY_REJECT;
	t = &table[kind][lang];
	buf_init(&b, 0);
	buf_addc(&b, '[');
	add_line(&b, a->event);
	buf_addstr(&b, "] ");
	buf_addstr(&b, t->subject);
	add_line(&b, a->title);
	out->subject = buf_detach(&b, NULL);

	buf_init(&b, 0);
	buf_addstr(&b, greeting[lang]);
	if (a->name != NULL && a->name[0] != '\0') {
		buf_addc(&b, ' ');
		add_line(&b, a->name);
	}
	buf_addstr(&b, ":\n\n");
	buf_addf(&b, "%s: ", about[lang]);
	add_line(&b, a->title);
	buf_addstr(&b, "\n\n");
	buf_addstr(&b, t->decided);
	buf_addstr(&b, "\n\n");
	if (a->joint_title != NULL && kind != NOTIFY_REJECT) {
		buf_addstr(&b, joint[lang]);
		buf_addc(&b, ' ');
		add_line(&b, a->joint_title);
		buf_addstr(&b, "\n\n");
	}
	buf_addstr(&b, t->next);
	if (has_link(kind) && a->link != NULL) {
		buf_addc(&b, '\n');
		add_line(&b, a->link);
	}
	buf_addstr(&b, "\n\n-- \n");
	buf_addstr(&b, signature[lang]);
	buf_addstr(&b, ", ");
	add_line(&b, a->event);
	buf_addc(&b, '\n');
	out->body = buf_detach(&b, NULL);
}

void
notify_mail_release(struct notify_mail *m)
{
	free(m->subject);
	free(m->body);
	m->subject = m->body = NULL;
}

bool
notify_kind_parse(const char *decision, enum notify_kind *out)
{
	static const char *const keys[] = { "accept", "reject", "waitlist",
		"promoted" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (decision != NULL && strcmp(decision, keys[i]) == 0) {
			*out = (enum notify_kind)i;
			return true;
		}
	return false;
}
