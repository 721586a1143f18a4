/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * demo.c: the synthetic population generator.  Texts are assembled from
 * per-theme phrases in three languages so that later stages (theme
 * suggestion, similarity, search) have realistic material to work on.
 */
#include "core/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/rng.h"
#include "util/util.h"

static const char *const first_names[] = { "Ana", "Lucía", "María", "Sofía",
	"Valentina", "Camila", "Isabel", "Fernanda", "Juliana", "Gabriela",
	"Beatriz", "Patricia", "Carolina", "Renata", "Sarah", "Emily", "Keisha",
	"Marie", "Juan", "Carlos", "José", "Luis", "Diego", "Mateo", "Andrés",
	"Pedro", "João", "Rafael", "Tiago", "Miguel", "Daniel", "Ricardo",
	"Michael", "David", "Jean", "Andre" };
/* Indices below this are traditionally women's names. */
#define FIRST_NAMES_WOMEN 18

static const char *const last_names[] = { "González", "Rodríguez", "Fernández",
	"López", "Martínez", "García", "Pérez", "Sánchez", "Romero", "Torres",
	"Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira", "Ramírez",
	"Flores", "Castro", "Vargas", "Morales", "Herrera", "Medina", "Rojas",
	"Campbell", "Brown", "Smith", "Thompson", "Tremblay", "Gagnon",
	"Mendoza", "Aguilar", "Quispe", "Mamani", "Benítez", "Acosta" };

static const char *const org_kind[SECTOR__MAX][3] = {
	[SECTOR_GOVERNMENT] = { "Ministerio de Modernización",
	    "Secretaría de Transparencia", "Oficina Anticorrupción" },
	[SECTOR_LEGISLATURE] = { "Cámara de Diputados", "Senado",
	    "Asamblea Legislativa" },
	[SECTOR_JUDICIARY] = { "Corte Suprema", "Consejo de la Magistratura",
	    "Poder Judicial" },
	[SECTOR_CIVIL_SOCIETY] = { "Fundación Ciudadanía Activa",
	    "Red de Datos Abiertos", "Observatorio Cívico" },
	[SECTOR_ACADEMIA] = { "Universidad Nacional",
	    "Centro de Estudios Públicos", "Instituto de Políticas" },
	[SECTOR_PRIVATE] = { "Tecnologías Cívicas S.A.", "Consultora Abierta",
	    "Datos y Servicios" },
	[SECTOR_MULTILATERAL] = { "Banco Interamericano (demo)",
	    "Programa Regional (demo)", "Organismo Multilateral (demo)" },
	[SECTOR_OTHER] = { "Colectivo Vecinal", "Medio Comunitario",
	    "Cooperativa Local" },
};

/* Sector mix of speakers: government and civil society lead. */
static const double sector_weight[SECTOR__MAX] = { 30, 8, 5, 35, 12, 5, 3, 2 };

/* Topic phrases per theme position (the OGP themes' order), per language. */
struct phrases {
	const char *topic[LANG__MAX][4];
};

static const struct phrases theme_phrases[] = {
	{ { { "participación ciudadana", "protección del espacio cívico",
		"libertad de expresión", "innovación ciudadana" },
	    { "citizen participation", "protecting civic space",
		"freedom of expression", "citizen innovation" },
	    { "participação cidadã", "proteção do espaço cívico",
		"liberdade de expressão", "inovação cidadã" } } },
	{ { { "contrataciones abiertas", "beneficiarios finales",
		"protección de denunciantes", "regulación del lobby" },
	    { "open contracting", "beneficial ownership",
		"whistleblower protection", "lobbying regulation" },
	    { "contratações abertas", "beneficiários finais",
		"proteção de denunciantes", "regulação do lobby" } } },
	{ { { "parlamento abierto", "justicia abierta",
		"colaboración entre poderes", "transparencia legislativa" },
	    { "open parliament", "open justice",
		"collaboration across branches", "legislative transparency" },
	    { "parlamento aberto", "justiça aberta",
		"colaboração entre poderes", "transparência legislativa" } } },
	{ { { "datos abiertos", "tecnología cívica", "portales de datos",
		"aplicaciones cívicas" },
	    { "open data", "civic technology", "data portals", "civic apps" },
	    { "dados abertos", "tecnologia cívica", "portais de dados",
		"aplicativos cívicos" } } },
	{ { { "gobierno abierto municipal", "servicios públicos locales",
		"presupuesto participativo", "gobiernos provinciales" },
	    { "municipal open government", "local public services",
		"participatory budgeting", "provincial governments" },
	    { "governo aberto municipal", "serviços públicos locais",
		"orçamento participativo", "governos estaduais" } } },
	{ { { "planes de acción", "cocreación", "foros multiactor",
		"monitoreo de compromisos" },
	    { "action plans", "co-creation", "multi-stakeholder forums",
		"commitment monitoring" },
	    { "planos de ação", "cocriação", "fóruns multiatores",
		"monitoramento de compromissos" } } },
	{ { { "Objetivos de Desarrollo Sostenible", "Agenda 2030",
		"igualdad de género", "salud y educación" },
	    { "Sustainable Development Goals", "the 2030 Agenda",
		"gender equality", "health and education" },
	    { "Objetivos de Desenvolvimento Sustentável", "Agenda 2030",
		"igualdade de gênero", "saúde e educação" } } },
};

static const char *const title_pattern[LANG__MAX][4] = {
	{ "%s en %s: lo que aprendimos",
	    "De la promesa a la práctica: %s en %s", "%s y ciudadanía en %s",
	    "¿Funciona? Evidencia sobre %s en %s" },
	{ "%s in %s: what we learned", "From promise to practice: %s in %s",
	    "%s and citizens in %s", "Does it work? Evidence on %s in %s" },
	{ "%s em %s: o que aprendemos", "Da promessa à prática: %s em %s",
	    "%s e cidadania em %s", "Funciona? Evidências sobre %s em %s" },
};

static const char *const abstract_pattern[LANG__MAX] = {
	"Esta sesión presenta la experiencia de %s con %s en %s. "
	"Gobierno y sociedad civil comparten resultados, obstáculos y "
	"próximos pasos, con foco en %s.",
	"This session presents the experience of %s with %s in %s. "
	"Government and civil society share results, obstacles and next "
	"steps, with a focus on %s.",
	"Esta sessão apresenta a experiência de %s com %s em %s. "
	"Governo e sociedade civil compartilham resultados, obstáculos e "
	"próximos passos, com foco em %s.",
};

/* Appends pattern to b with each "%s" replaced by the next of args. */
static void
fill(struct buf *b, const char *pattern, const char *const *args, size_t n)
{
	const char *p, *q;
	size_t i = 0;

	for (p = pattern; (q = strstr(p, "%s")) != NULL; p = q + 2) {
		buf_add(b, p, (size_t)(q - p));
		if (i < n)
			buf_addstr(b, args[i++]);
	}
	buf_addstr(b, p);
}

static char *
capitalise(const char *s)
{
	char *p = xstrdup(s);

	if (p[0] >= 'a' && p[0] <= 'z')
		p[0] = (char)(p[0] - 'a' + 'A');
	return p;
}

static void
make_person(struct rng *r, struct person *p, size_t serial, bool speaker)
{
	const struct country *c =
	    &ogp_americas[rng_below(r, ogp_americas_count)];
	size_t fi = rng_below(r, ARRAY_SIZE(first_names));
	size_t li = rng_below(r, ARRAY_SIZE(last_names));
	size_t lj = rng_below(r, ARRAY_SIZE(last_names));
	struct buf b;
	unsigned roll;

	buf_init(&b, 0);
	buf_addf(
	    &b, "%s %s %s", first_names[fi], last_names[li], last_names[lj]);
	p->name = buf_detach(&b, NULL);
	buf_addf(&b, "%s%zu@example.org", speaker ? "speaker" : "participant",
	    serial);
	p->email = buf_detach(&b, NULL);
	p->sector = (enum sector)rng_weighted(r, sector_weight, SECTOR__MAX);
	buf_addf(&b, "%s (%s)", org_kind[p->sector][rng_below(r, 3)],
	    c->name[LANG_ES]);
	p->organisation = buf_detach(&b, NULL);
	memcpy(p->country, c->code, 3);
	/* Self-described gender: most state one; some do not. */
	roll = (unsigned)rng_below(r, 100);
	if (roll < 90)
		p->gender = xstrdup(fi < FIRST_NAMES_WOMEN ? "woman" : "man");
	else if (roll < 93)
		p->gender = xstrdup("non-binary");
	p->languages = 1u << LANG_ES;
	if (strcmp(c->code, "BR") == 0)
		p->languages = 1u << LANG_PT;
	else if (strcmp(c->code, "US") == 0 || strcmp(c->code, "CA") == 0 ||
	    strcmp(c->code, "JM") == 0 || strcmp(c->code, "TT") == 0)
		p->languages = 1u << LANG_EN;
	if (rng_below(r, 2) == 0)
		p->languages |= 1u << LANG_EN;
	p->synthetic = true;
	buf_release(&b);
}

static enum lang
person_lang(const struct person *p)
{
	if (p->languages & (1u << LANG_ES))
		return LANG_ES;
	if (p->languages & (1u << LANG_PT))
		return LANG_PT;
	return LANG_EN;
}

static size_t
new_speaker(struct rng *r, struct population *pop, size_t *cap, size_t *serial)
{
	XGROW(pop->persons, *cap, pop->npersons + 1);
	memset(&pop->persons[pop->npersons], 0, sizeof(*pop->persons));
	make_person(r, &pop->persons[pop->npersons], ++*serial, true);
	return pop->npersons++;
}

/* Format weights: mostly panels and lightning talks, as at OGP 2017. */
static double
format_weight(const struct format *f)
{
	if (f->shares_slot)
		return 30;
	if (strcmp(f->key, "panel") == 0)
		return 40;
	if (strcmp(f->key, "workshop") == 0)
		return 15;
	return 6;
}

static void
make_proposal(struct rng *r, const struct event *ev, struct population *pop,
    size_t *cap, size_t *serial, struct proposal *pr, const double *fw)
{
	const struct phrases *ph;
	const struct format *f;
	const struct country *c;
	const struct person *lead;
	struct buf b;
	size_t n, i, j, t, topic, other;
	const char *place;
	char *cap_topic;

	pr->format = rng_weighted(r, fw, ev->nformats);
	f = &ev->formats[pr->format];
	pr->theme = rng_below(r, ev->nthemes);
	if (ev->nthemes > 1 && rng_below(r, 3) == 0) {
		t = rng_below(r, ev->nthemes - 1);
		pr->secondary[0] = t >= pr->theme ? t + 1 : t;
		pr->nsecondary = 1;
	}
	n = (size_t)f->min_speakers;
	if (f->max_speakers > f->min_speakers)
		n += rng_below(
		    r, (uint64_t)(f->max_speakers - f->min_speakers) + 1);
	if (n == 0)
		n = 1;
	if (n > PROPOSAL_MAX_SPEAKERS)
		n = PROPOSAL_MAX_SPEAKERS;
	for (i = 0; i < n; i++) {
		size_t s;
		bool dup;

		do {
			/* One speaker in five is someone already speaking. */
			if (pop->npersons > 10 && rng_below(r, 5) == 0)
				s = rng_below(r, pop->npersons);
			else
				s = new_speaker(r, pop, cap, serial);
			dup = false;
			for (j = 0; j < i; j++)
				dup |= pr->speakers[j] == s;
		} while (dup);
		pr->speakers[i] = s;
	}
	pr->nspeakers = n;
	lead = &pop->persons[pr->speakers[0]];
	pr->language = person_lang(lead);
	if (!event_has_lang(ev, pr->language))
		pr->language = ev->default_lang;
	pr->needs_interpretation = rng_below(r, 4) == 0;
	c = country_find(lead->country);

	ph = &theme_phrases[pr->theme % ARRAY_SIZE(theme_phrases)];
	topic = rng_below(r, 4);
	other = (topic + 1 + rng_below(r, 3)) % 4;
	cap_topic = capitalise(ph->topic[pr->language][topic]);
	buf_init(&b, 0);
	place = c != NULL ? c->name[pr->language] : "las Américas";
	{
		const char *targs[] = { cap_topic, place };
		const char *aargs[] = { lead->organisation,
			ph->topic[pr->language][topic], place,
			ph->topic[pr->language][other] };

		fill(&b, title_pattern[pr->language][rng_below(r, 4)], targs,
		    ARRAY_SIZE(targs));
		pr->title = buf_detach(&b, NULL);
		fill(&b, abstract_pattern[pr->language], aargs,
		    ARRAY_SIZE(aargs));
		pr->abstract = buf_detach(&b, NULL);
	}
	free(cap_topic);
	pr->status = PROPOSAL_SUBMITTED;
	pr->synthetic = true;
}

void
demo_generate(const struct event *ev, const struct demo_params *params,
    struct population *pop)
{
	struct rng r;
	size_t cap = 0, serial = 0, pserial = 0, i, k;
	double *fw;

	rng_seed(&r, params->seed);
	fw = xcalloc(ev->nformats, sizeof(*fw));
	for (i = 0; i < ev->nformats; i++)
		fw[i] = format_weight(&ev->formats[i]);
	pop->nproposals = params->proposals;
	pop->proposals = xcalloc(pop->nproposals, sizeof(*pop->proposals));
	if (ev->nthemes > 0 && ev->nformats > 0) {
		for (i = 0; i < pop->nproposals; i++)
			make_proposal(
			    &r, ev, pop, &cap, &serial, &pop->proposals[i], fw);
	} else {
		pop->nproposals = 0;
	}
	free(fw);

	pop->nparticipants = params->participants;
	pop->participants =
	    xcalloc(pop->nparticipants, sizeof(*pop->participants));
	for (i = 0; i < pop->nparticipants; i++) {
		struct participant *pa = &pop->participants[i];

		XGROW(pop->persons, cap, pop->npersons + 1);
		memset(&pop->persons[pop->npersons], 0, sizeof(*pop->persons));
		make_person(&r, &pop->persons[pop->npersons], ++pserial, false);
		pa->person = pop->npersons++;
		pa->nthemes = ev->nthemes == 0 ? 0 : 1 + rng_below(&r, 3);
		for (k = 0; k < pa->nthemes; k++) {
			size_t t = rng_below(&r, ev->nthemes), j;
			bool dup = false;

			for (j = 0; j < k; j++)
				dup |= pa->themes[j] == t;
			if (dup) {
				pa->nthemes = k;
				break;
			}
			pa->themes[k] = t;
		}
	}
}

void
population_release(struct population *pop)
{
	size_t i;

	for (i = 0; i < pop->npersons; i++)
		person_release(&pop->persons[i]);
	free(pop->persons);
	for (i = 0; i < pop->nproposals; i++)
		proposal_release(&pop->proposals[i]);
	free(pop->proposals);
	free(pop->participants);
	memset(pop, 0, sizeof(*pop));
}

/* Sectors of the committee: the state and civil society side by side. */
static const enum sector reviewer_sectors[] = { SECTOR_GOVERNMENT,
	SECTOR_CIVIL_SOCIETY, SECTOR_GOVERNMENT, SECTOR_CIVIL_SOCIETY,
	SECTOR_LEGISLATURE, SECTOR_ACADEMIA, SECTOR_JUDICIARY,
	SECTOR_CIVIL_SOCIETY };

static bool
has_theme(const struct demo_reviewer *d, size_t t)
{
	size_t i;

	for (i = 0; i < d->nthemes; i++)
		if (d->themes[i] == t)
			return true;
	return false;
}

struct demo_reviewer *
demo_reviewers(const struct event *ev, uint64_t seed, size_t n)
{
	struct demo_reviewer *list = xcalloc(n ? n : 1, sizeof(*list));
	struct rng r;
	struct buf b;
	size_t i, want, k;

	rng_seed(&r, seed ^ 0x7265766965776572ull); /* "reviewer" */
	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		struct demo_reviewer *d = &list[i];
		struct person *p = &d->person;
		const struct country *c;

		make_person(&r, p, i + 1, false);
		free(p->email);
		buf_addf(&b, "reviewer%zu@example.org", i + 1);
		p->email = buf_detach(&b, NULL);
		p->sector = reviewer_sectors[i % ARRAY_SIZE(reviewer_sectors)];
		c = country_find(p->country);
		free(p->organisation);
		buf_addf(&b, "%s (%s)", org_kind[p->sector][rng_below(&r, 3)],
		    c != NULL ? c->name[LANG_ES] : p->country);
		p->organisation = buf_detach(&b, NULL);
		/* Committee members mostly read a second language. */
		if (rng_below(&r, 10) < 7)
			p->languages |= 1u << LANG_EN;
		if (rng_below(&r, 10) < 3)
			p->languages |= 1u
			    << (p->languages & (1u << LANG_PT) ? LANG_ES
							       : LANG_PT);
		if (ev->nthemes == 0)
			continue;
		want = 2 + (size_t)rng_below(&r, 3); /* 2..4 themes */
		if (want > ev->nthemes)
			want = ev->nthemes;
		for (k = 0; d->nthemes < want && k < 100; k++) {
			size_t t = (size_t)rng_below(&r, ev->nthemes);

			if (has_theme(d, t))
				continue;
			d->themes[d->nthemes] = t;
			d->main[d->nthemes] =
			    d->nthemes == 0 || (d->nthemes == 1 && want > 2);
			d->nthemes++;
		}
	}
	buf_release(&b);
	return list;
}

void
demo_reviewers_free(struct demo_reviewer *list, size_t n)
{
	size_t i;

	for (i = 0; list != NULL && i < n; i++)
		person_release(&list[i].person);
	free(list);
}

/* ---- answers to the organiser's questions ---- */

static const char *const plan_pattern[LANG__MAX] = {
	"Plan de acción nacional de %s, compromiso %s: %s",
	"%s national action plan, commitment %s: %s",
	"Plano de ação nacional de %s, compromisso %s: %s",
};
static const char *const no_plan[LANG__MAX] = { "ninguno", "none", "nenhum" };

static char *
demo_text(
    struct rng *r, const struct population *pop, const struct proposal *pr)
{
	const struct person *lead = &pop->persons[pr->speakers[0]];
	const struct country *c = country_find(lead->country);
	const struct phrases *ph =
	    &theme_phrases[pr->theme % ARRAY_SIZE(theme_phrases)];
	struct buf b;
	char num[8];
	const char *args[3];

	if (rng_below(r, 6) == 0)
		return xstrdup(no_plan[pr->language]);
	snprintf(num, sizeof(num), "%u", (unsigned)(1 + rng_below(r, 20)));
	args[0] = c != NULL ? c->name[pr->language] : "las Américas";
	args[1] = num;
	args[2] = ph->topic[pr->language][rng_below(r, 4)];
	buf_init(&b, 0);
	fill(&b, plan_pattern[pr->language], args, ARRAY_SIZE(args));
	return buf_detach(&b, NULL);
}

static char *
demo_yesno(
    struct rng *r, const struct population *pop, const struct proposal *pr)
{
	bool state = false, society = false;
	size_t i;

	for (i = 0; i < pr->nspeakers; i++) {
		enum sector s = pop->persons[pr->speakers[i]].sector;

		state |= sector_is_state(s);
		society |= s == SECTOR_CIVIL_SOCIETY;
	}
	return xstrdup(
	    (state && society) || rng_below(r, 4) == 0 ? "yes" : "no");
}

static char *
demo_choice(struct rng *r, const struct question *q)
{
	struct buf b;
	size_t i;

	if (q->noptions == 0)
		return NULL;
	buf_init(&b, 0);
	for (i = 0; q->multiple && i < q->noptions; i++)
		if (rng_below(r, 5) < 2)
			buf_addf(
			    &b, "%s%s", b.len ? "," : "", q->options[i].key);
	if (b.len == 0)
		buf_addstr(&b, q->options[rng_below(r, q->noptions)].key);
	return buf_detach(&b, NULL);
}

char **
demo_answers(
    const struct event *ev, const struct population *pop, uint64_t seed)
{
	size_t nq = ev->nquestions, i, k;
	char **out = xcalloc(pop->nproposals * nq + 1, sizeof(*out));
	struct rng r;

	/* Its own stream: the population does not move with the answers. */
	rng_seed(&r, seed ^ UINT64_C(0x9e3779b97f4a7c15));
	for (i = 0; i < pop->nproposals; i++) {
		const struct proposal *pr = &pop->proposals[i];
		const char *format = ev->formats[pr->format].key;

		for (k = 0; k < nq; k++) {
			const struct question *q = &ev->questions[k];
			char *v = NULL;

			/* Most answer, as proposers do when nothing forces
			 * them; drawn first so each question moves alike. */
			if (rng_below(&r, 10) < 2 || pr->nspeakers == 0 ||
			    !question_applies(q, format))
				continue;
			switch (q->kind) {
			case QUESTION_TEXT:
				v = demo_text(&r, pop, pr);
				break;
			case QUESTION_YESNO:
				v = demo_yesno(&r, pop, pr);
				break;
			case QUESTION_CHOICE:
				v = demo_choice(&r, q);
				break;
			case QUESTION__MAX:
				break;
			}
			if (v != NULL &&
			    question_check(q, v, false) != QUESTION_OK) {
				free(v);
				v = NULL;
			}
			out[i * nq + k] = v;
		}
	}
	return out;
}

void
demo_answers_free(char **answers, size_t n)
{
	size_t i;

	for (i = 0; answers != NULL && i < n; i++)
		free(answers[i]);
	free(answers);
}
